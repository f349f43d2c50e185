package org.labvault.shared.aws;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.config.Config;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Audit records in the LabVault table, one partition per UTC day, append-only (a put that may not
 * overwrite). The tamper-evident chain is built on top of these later.
 */
public final class DynamoAuditLog implements AuditLog {

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoAuditLog(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public void record(AuditEvent e) {
    String time = Times.format(e.time());
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Keys.PK, AttributeValue.fromS(Keys.auditDay(e.time().atOffset(ZoneOffset.UTC).toLocalDate().toString())));
    item.put(Keys.SK, AttributeValue.fromS(time + "#" + e.requestId() + "#" + UUID.randomUUID()));
    item.put("type", AttributeValue.fromS("Audit"));
    item.put("actor", AttributeValue.fromS(e.actor()));
    item.put("action", AttributeValue.fromS(e.action()));
    item.put("resource", AttributeValue.fromS(e.resource()));
    item.put("decision", AttributeValue.fromS(e.decision().name()));
    if (e.role() != null) {
      item.put("role", AttributeValue.fromS(e.role()));
    }
    item.put("requestId", AttributeValue.fromS(e.requestId()));
    item.put("time", AttributeValue.fromS(e.time().toString()));
    dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
  }
}
