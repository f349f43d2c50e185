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
  static final String RUN_ID = "runId";
  static final String AT = "at";
  static final String STATUS = "status";
  static final String STEPS = "steps";
  static final String NAME = "name";
  static final String OK = "ok";
  static final String MS = "ms";

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
    item.put(RUN_ID, AttributeValue.fromS(run.runId()));
    item.put(AT, AttributeValue.fromS(Times.format(run.at())));
    item.put(STATUS, AttributeValue.fromS(run.status().name()));
    item.put(ORDER, AttributeValue.fromS(orderOf(run)));
    item.put(STEPS, AttributeValue.fromL(run.steps().stream()
        .map(s -> AttributeValue.fromM(Map.of(
            NAME, AttributeValue.fromS(s.name()),
            OK, AttributeValue.fromBool(s.ok()),
            MS, AttributeValue.fromN(Long.toString(s.ms())))))
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
    List<CanaryStep> steps = item.get(STEPS).l().stream()
        .map(AttributeValue::m)
        .map(m -> new CanaryStep(m.get(NAME).s(), m.get(OK).bool(), Long.parseLong(m.get(MS).n())))
        .toList();
    return Optional.of(new CanaryRun(item.get(RUN_ID).s(), Instant.parse(item.get(AT).s()),
        CanaryRun.Status.valueOf(item.get(STATUS).s()), steps));
  }

  private static Map<String, AttributeValue> key() {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.CANARY), Keys.SK, AttributeValue.fromS(Keys.CANARY_LATEST));
  }

  /** Fixed-width time first, so string order is run order. */
  private static String orderOf(CanaryRun run) {
    return Times.format(run.at()) + "#" + run.runId();
  }
}
