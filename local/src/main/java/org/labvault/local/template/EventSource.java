package org.labvault.local.template;

import java.util.List;
import java.util.Map;

/**
 * One entry of a function's {@code Events}, typed by its SAM event type. HTTP routes, S3
 * notifications, DynamoDB stream mappings, SQS and SNS sources, IoT rules and schedules run locally;
 * a kind the stack does not run is refused at start (an unsupported construct is an error, never
 * skipped).
 */
public sealed interface EventSource {

  /** The function the source invokes. */
  String functionLogicalId();

  /** The event's key under the function's {@code Events}. */
  String name();

  /** {@code HttpApi}: {@code METHOD /path} on an API, protected by an authorizer or public. */
  record HttpRoute(
      String functionLogicalId,
      String name,
      String apiLogicalId,
      String method,
      String path,
      String authorizer,
      List<String> scopes) implements EventSource {

    public String routeKey() {
      return method + " " + path;
    }
  }

  /**
   * {@code S3}: the bucket's "object created" notifications that invoke the function.
   *
   * @param name S3 calls it the configuration id
   * @param events the event types as S3 names them ({@code s3:ObjectCreated:Put}, or a wildcard
   *     {@code s3:ObjectCreated:*})
   * @param prefix the key prefix filter, or ""
   * @param suffix the key suffix filter, or ""
   */
  record S3Notification(String functionLogicalId, String name, String bucketLogicalId, List<String> events,
      String prefix, String suffix) implements EventSource {

    public S3Notification {
      events = List.copyOf(events);
    }

    /** Whether an event (named as in the notification, e.g. {@code ObjectCreated:Copy}) on {@code key} is asked for. */
    public boolean matches(String eventName, String key) {
      String type = "s3:" + eventName;
      boolean wanted = events.stream().anyMatch(e -> e.endsWith(":*")
          ? type.startsWith(e.substring(0, e.length() - 1)) : e.equals(type));
      return wanted && key.startsWith(prefix) && key.endsWith(suffix);
    }
  }

  /**
   * {@code DynamoDB} (or {@code Kinesis}): a stream event source mapping.
   *
   * @param onFailureDestination the ARN records go to after the last retry, or null
   */
  record StreamMapping(
      String functionLogicalId,
      String name,
      String streamArn,
      String startingPosition,
      int batchSize,
      int maximumBatchingWindowSeconds,
      boolean bisectBatchOnFunctionError,
      int maximumRetryAttempts,
      int maximumRecordAgeSeconds,
      int parallelizationFactor,
      List<String> functionResponseTypes,
      List<Object> filters,
      String onFailureDestination) implements EventSource {}

  /** {@code SQS}: a queue event source mapping. */
  record SqsMapping(
      String functionLogicalId,
      String name,
      String queueArn,
      int batchSize,
      int maximumBatchingWindowSeconds,
      int maximumConcurrency,
      List<String> functionResponseTypes,
      List<Object> filters) implements EventSource {}

  /**
   * {@code SNS}: a subscription of the function to a topic.
   *
   * @param filterPolicyScope {@code MessageAttributes} (SNS's default) or {@code MessageBody}
   */
  record SnsSubscription(
      String functionLogicalId,
      String name,
      String topicArn,
      Map<String, Object> filterPolicy,
      String filterPolicyScope,
      String region) implements EventSource {}

  /** {@code IoTRule}: a topic rule whose SQL selects the messages that invoke the function. */
  record IotRule(String functionLogicalId, String name, String sql, String awsIotSqlVersion) implements EventSource {

    /** The rule's name as SAM generates it: the function's logical id, then the event's. */
    public String ruleName() {
      return functionLogicalId + name;
    }
  }

  /**
   * {@code Schedule} (or {@code ScheduleV2}): an EventBridge schedule.
   *
   * @param expression {@code rate(...)} or {@code cron(...)}
   * @param input the constant event JSON, or null for the scheduled event itself
   */
  record Schedule(String functionLogicalId, String name, String expression, String input, boolean enabled)
      implements EventSource {}
}
