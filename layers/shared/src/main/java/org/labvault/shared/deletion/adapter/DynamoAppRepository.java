package org.labvault.shared.deletion.adapter;

import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.domain.App;
import org.labvault.shared.deletion.domain.DeletionConflicts;
import org.labvault.shared.deletion.port.AppRepository;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Registered applications: one item each, listed through the generic index under {@code APPS}. */
public final class DynamoAppRepository implements AppRepository {

  private static final String LIST = "apps";

  private final DynamoDbClient dynamo;
  private final String table;
  private final PageTokens pageTokens;

  @Inject
  public DynamoAppRepository(DynamoDbClient dynamo, Config config, PageTokens pageTokens) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.pageTokens = pageTokens;
  }

  @Override
  public void create(App app) {
    try {
      dynamo.putItem(r -> r.tableName(table).item(AppItems.item(app)).conditionExpression(Keys.ABSENT));
    } catch (ConditionalCheckFailedException e) {
      throw DeletionConflicts.appExists(app.appId());
    }
  }

  @Override
  public Optional<App> find(String appId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(AppItems.key(appId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AppItems.app(item));
  }

  @Override
  public Page<App> list(PageRequest page) {
    var result = dynamo.query(r -> r.tableName(table).indexName(Keys.GSI1)
        .keyConditionExpression("#gpk = :apps")
        .expressionAttributeNames(Map.of("#gpk", Keys.GSI1_PK))
        .expressionAttributeValues(Map.of(":apps", AttributeValue.fromS(Keys.APPS)))
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), LIST, PageTokens.GSI1_KEY)));
    return new Page<>(result.items().stream().map(AppItems::app).toList(), pageTokens.encode(LIST, result.lastEvaluatedKey()));
  }
}
