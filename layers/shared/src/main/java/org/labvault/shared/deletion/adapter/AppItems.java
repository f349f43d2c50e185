package org.labvault.shared.deletion.adapter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.deletion.domain.App;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How a registered application looks as an item of the LabVault table. */
public final class AppItems {

  public static final String TYPE = "App";
  public static final String APP_ID = "appId";
  public static final String NAME = "name";
  public static final String CREATED_AT = "createdAt";
  public static final String CREATED_BY = "createdBy";

  private AppItems() {}

  public static Map<String, AttributeValue> key(String appId) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.app(appId)), Keys.SK, AttributeValue.fromS(Keys.META));
  }

  static Map<String, AttributeValue> item(App app) {
    Map<String, AttributeValue> item = new HashMap<>(key(app.appId()));
    item.put(Keys.TYPE, AttributeValue.fromS(TYPE));
    item.put(APP_ID, AttributeValue.fromS(app.appId()));
    item.put(NAME, AttributeValue.fromS(app.name()));
    item.put(CREATED_AT, AttributeValue.fromS(Times.format(app.createdAt())));
    item.put(CREATED_BY, AttributeValue.fromS(app.createdBy()));
    item.put(Keys.GSI1_PK, AttributeValue.fromS(Keys.APPS));
    item.put(Keys.GSI1_SK, AttributeValue.fromS(app.appId()));
    return item;
  }

  static App app(Map<String, AttributeValue> item) {
    return new App(item.get(APP_ID).s(), item.get(NAME).s(), Instant.parse(item.get(CREATED_AT).s()),
        item.get(CREATED_BY).s());
  }
}
