package org.labvault.shared.aws;

import javax.inject.Inject;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.AlarmLog;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
    try {
      dynamo.putItem(r -> r.tableName(table).item(AlarmItems.item(a)).conditionExpression(Keys.ABSENT));
    } catch (ConditionalCheckFailedException e) {
      // raised before under this id: a retried invocation
    }
  }
}
