package org.labvault.backup.adapter;

import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.backup.domain.VerificationReport;
import org.labvault.backup.port.BackupReports;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reports as items of one partition, sorted by start time; the report itself as its JSON. */
public final class DynamoBackupReports implements BackupReports {

  private static final String REPORT = "report";

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoBackupReports(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public void save(VerificationReport report) {
    var item = Map.of(
        Keys.PK, AttributeValue.fromS(Keys.BACKUP_REPORTS),
        Keys.SK, AttributeValue.fromS(Times.format(report.startedAt()) + "#" + report.reportId()),
        Keys.TYPE, AttributeValue.fromS("BackupReport"),
        "status", AttributeValue.fromS(report.status()),
        REPORT, AttributeValue.fromS(Json.instance().write(report)));
    dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression(Keys.ABSENT));
  }

  @Override
  public Optional<VerificationReport> latest() {
    var items = dynamo.query(r -> r.tableName(table).consistentRead(true).scanIndexForward(false).limit(1)
        .keyConditionExpression(Keys.PK + " = :reports")
        .expressionAttributeValues(Map.of(":reports", AttributeValue.fromS(Keys.BACKUP_REPORTS)))).items();
    return items.stream().findFirst()
        .map(item -> Json.instance().read(item.get(REPORT).s(), VerificationReport.class));
  }
}
