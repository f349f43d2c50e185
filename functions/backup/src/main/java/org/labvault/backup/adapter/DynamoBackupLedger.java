package org.labvault.backup.adapter;

import java.time.Instant;
import java.util.Map;
import javax.inject.Inject;
import org.labvault.backup.port.BackupLedger;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The copy as two attributes of the asset's META item. */
public final class DynamoBackupLedger implements BackupLedger {

  static final String BACKUP_VERSION_ID = "backupVersionId";
  static final String BACKED_UP_AT = "backedUpAt";

  private final DynamoDbClient dynamo;
  private final Config config;

  @Inject
  public DynamoBackupLedger(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.config = config;
  }

  @Override
  public boolean record(String assetId, String backupVersionId, Instant backedUpAt) {
    try {
      dynamo.updateItem(r -> r.tableName(config.require(Config.Names.TABLE_NAME))
          .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.asset(assetId)), Keys.SK, AttributeValue.fromS(Keys.META)))
          // a replay keeps the first time the copy was recorded
          .updateExpression("SET #v = :v, #at = if_not_exists(#at, :at)")
          .conditionExpression("#status IN (:available, :deleted) AND (attribute_not_exists(#v) OR #v = :v)")
          .expressionAttributeNames(Map.of("#v", BACKUP_VERSION_ID, "#at", BACKED_UP_AT, "#status", "status"))
          .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(backupVersionId),
              ":at", AttributeValue.fromS(Times.format(backedUpAt)),
              ":available", AttributeValue.fromS("AVAILABLE"), ":deleted", AttributeValue.fromS("DELETED"))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }
}
