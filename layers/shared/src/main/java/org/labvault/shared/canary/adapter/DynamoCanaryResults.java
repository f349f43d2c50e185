package org.labvault.shared.canary.adapter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.canary.domain.CanaryRun;
import org.labvault.shared.canary.domain.CanaryStep;
import org.labvault.shared.canary.port.CanaryResults;
import org.labvault.shared.config.Config;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The latest canary run as one item ({@code pk CANARY, sk LATEST}), so /health reads it with one
 * GetItem. A write is conditional on its order (start time, then run id): an older run never
 * overwrites a newer one, and the same run written twice changes nothing.
 */
public final class DynamoCanaryResults implements CanaryResults {

  static final String ORDER = "runOrder";

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoCanaryResults(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public void record(CanaryRun run) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(key());
    item.put(Keys.TYPE, AttributeValue.fromS("CanaryRun"));
    item.put("runId", AttributeValue.fromS(run.runId()));
    item.put("at", AttributeValue.fromS(Times.format(run.at())));
    item.put("status", AttributeValue.fromS(run.status().name()));
    item.put(ORDER, AttributeValue.fromS(orderOf(run)));
    item.put("steps", AttributeValue.fromL(run.steps().stream()
        .map(s -> AttributeValue.fromM(Map.of(
            "name", AttributeValue.fromS(s.name()),
            "ok", AttributeValue.fromBool(s.ok()),
            "ms", AttributeValue.fromN(Long.toString(s.ms())))))
        .toList()));
    try {
      dynamo.putItem(r -> r.tableName(table).item(item)
          .conditionExpression(Keys.ABSENT + " OR #order <= :order")
          .expressionAttributeNames(Map.of("#order", ORDER))
          .expressionAttributeValues(Map.of(":order", AttributeValue.fromS(orderOf(run)))));
    } catch (ConditionalCheckFailedException e) {
      // a later run is stored already: this one is history
    }
  }

  @Override
  public Optional<CanaryRun> latest() {
    var item = dynamo.getItem(r -> r.tableName(table).key(key()).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    List<CanaryStep> steps = item.get("steps").l().stream()
        .map(AttributeValue::m)
        .map(m -> new CanaryStep(m.get("name").s(), m.get("ok").bool(), Long.parseLong(m.get("ms").n())))
        .toList();
    return Optional.of(new CanaryRun(item.get("runId").s(), Instant.parse(item.get("at").s()),
        CanaryRun.Status.valueOf(item.get("status").s()), steps));
  }

  private static Map<String, AttributeValue> key() {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.CANARY), Keys.SK, AttributeValue.fromS(Keys.CANARY_LATEST));
  }

  /** Fixed-width time first, so string order is run order. */
  private static String orderOf(CanaryRun run) {
    return Times.format(run.at()) + "#" + run.runId();
  }
}
