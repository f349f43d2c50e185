package org.labvault.monitor.adapter;

import java.time.Instant;
import java.util.Map;
import javax.inject.Inject;
import org.labvault.monitor.port.AlarmStore;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.aws.AlarmItems;
import org.labvault.shared.aws.DailyPages;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.config.Config;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Alarms in the LabVault table as {@link org.labvault.shared.aws.DynamoAlarmLog} stores them: one
 * partition per UTC day, ordered by time then id. Reading goes day after day from the day of
 * {@code since} to today, as the audit trail is read.
 */
public final class DynamoAlarmStore implements AlarmStore {

  private static final String PUBLISHED_AT = AlarmItems.PUBLISHED_AT;
  /** The alarms by UTC day, in the table, sorted by time and id. */
  private static final DailyPages.Days ALARMS_BY_DAY =
      new DailyPages.Days(null, Keys.PK, Keys.SK, PageTokens.TABLE_KEY, Keys::alarmDay);

  private final DynamoDbClient dynamo;
  private final DailyPages pages;
  private final String table;

  @Inject
  public DynamoAlarmStore(DynamoDbClient dynamo, DailyPages pages, Config config) {
    this.dynamo = dynamo;
    this.pages = pages;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public Page<Alarm> since(Instant since, PageRequest page) {
    return pages.since(ALARMS_BY_DAY, "alarms", since, page, AlarmItems::alarm);
  }

  @Override
  public boolean published(Alarm alarm) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(AlarmItems.key(alarm)).consistentRead(true)
        .projectionExpression("#p").expressionAttributeNames(Map.of("#p", PUBLISHED_AT))).item();
    return item != null && item.containsKey(PUBLISHED_AT);
  }

  @Override
  public void markPublished(Alarm alarm, Instant at) {
    try {
      dynamo.updateItem(r -> r.tableName(table).key(AlarmItems.key(alarm))
          .updateExpression("SET #p = :at")
          .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#p)")
          .expressionAttributeNames(Map.of("#p", PUBLISHED_AT, "#pk", Keys.PK))
          .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Times.format(at)))));
    } catch (ConditionalCheckFailedException e) {
      // marked by an earlier delivery of the same record
    }
  }
}
