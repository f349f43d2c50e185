package org.labvault.monitor.adapter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.labvault.monitor.domain.BurstKind;
import org.labvault.monitor.domain.BurstWindow;
import org.labvault.monitor.port.BurstWindows;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Burst windows in the LabVault table, one item per actor and kind, replaced whole under a version
 * condition (the first write: only if there is none). An item holds at most a threshold's worth of
 * record names, so it stays small however long a burst goes on.
 */
public final class DynamoBurstWindows implements BurstWindows {

  static final String MEMBERS = "members";
  static final String ALARMED_BY = "alarmedBy";
  static final String VERSION = "version";
  static final String ACTOR = "actor";

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoBurstWindows(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public BurstWindow read(BurstKind kind, String actor) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(kind, actor)).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return BurstWindow.EMPTY;
    }
    List<String> members = item.containsKey(MEMBERS) ? item.get(MEMBERS).l().stream().map(AttributeValue::s).toList() : List.of();
    AttributeValue by = item.get(ALARMED_BY);
    return new BurstWindow(members, by == null ? null : by.s(), Long.parseLong(item.get(VERSION).n()));
  }

  @Override
  public boolean replace(BurstKind kind, String actor, BurstWindow next) {
    Map<String, AttributeValue> item = new HashMap<>(key(kind, actor));
    item.put(Keys.TYPE, AttributeValue.fromS("BurstWindow"));
    item.put(ACTOR, AttributeValue.fromS(actor));
    item.put(MEMBERS, AttributeValue.fromL(next.members().stream().map(AttributeValue::fromS).toList()));
    if (next.alarmedBy() != null) {
      item.put(ALARMED_BY, AttributeValue.fromS(next.alarmedBy()));
    }
    item.put(VERSION, AttributeValue.fromN(Long.toString(next.version() + 1)));
    try {
      if (next.version() == 0) {
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression(Keys.ABSENT));
      } else {
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("#v = :v")
            .expressionAttributeNames(Map.of("#v", VERSION))
            .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(next.version())))));
      }
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  static Map<String, AttributeValue> key(BurstKind kind, String actor) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.burstWindow(kind.name(), actor)), Keys.SK, AttributeValue.fromS(Keys.META));
  }
}
