package org.labvault.shared.aws;

import java.time.ZoneOffset;
import java.util.Map;
import javax.inject.Inject;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.AlarmLog;
import org.labvault.shared.config.Config;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Alarms in the LabVault table, one partition per UTC day, ordered by time; never overwritten. */
public final class DynamoAlarmLog implements AlarmLog {

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoAlarmLog(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public void raise(Alarm a) {
    var item = Map.of(
        Keys.PK, AttributeValue.fromS(Keys.alarmDay(a.at().atOffset(ZoneOffset.UTC).toLocalDate().toString())),
        Keys.SK, AttributeValue.fromS(Keys.alarmMoment(Times.format(a.at()), a.alarmId())),
        Keys.TYPE, AttributeValue.fromS("Alarm"),
        "alarmId", AttributeValue.fromS(a.alarmId()),
        "at", AttributeValue.fromS(Times.format(a.at())),
        "alarmType", AttributeValue.fromS(a.type().name()),
        "category", AttributeValue.fromS(a.category().name()),
        "actor", AttributeValue.fromS(a.actor()),
        "detail", AttributeValue.fromS(a.detail()));
    try {
      dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression(Keys.ABSENT));
    } catch (ConditionalCheckFailedException e) {
      // raised before under this id: a retried invocation
    }
  }
}
