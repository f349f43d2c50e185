package org.labvault.local.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.labvault.local.engine.SqsEngine;
import org.labvault.local.sns.FilterPolicy;
import org.labvault.shared.json.Json;

/**
 * Reads the template's SQS queues, SNS topics and SNS subscriptions into {@link Messaging}
 * records: what CloudFormation would name them, the attributes with a local effect, and a note for
 * each setting that has none (encryption at rest, queue policies).
 */
final class MessagingResources {

  private static final Set<String> QUEUE_PROPERTIES =
      Set.of("QueueName", "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
          "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize", "RedrivePolicy", "SqsManagedSseEnabled",
          "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "Tags");
  private static final List<String> QUEUE_ATTRIBUTES =
      List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds",
          "MaximumMessageSize");
  private static final Set<String> ENCRYPTION = Set.of("SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds");
  private static final Set<String> TOPIC_PROPERTIES = Set.of("TopicName", "DisplayName", "KmsMasterKeyId", "Tags");
  private static final Set<String> SUBSCRIPTION_PROPERTIES =
      Set.of("Protocol", "Endpoint", "TopicArn", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery",
          "RedrivePolicy", "Region");
  private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private MessagingResources() {}

  static void queue(StackModel model, String id, Map<String, Object> props) {
    model.checkProperties(id, props, QUEUE_PROPERTIES);
    Map<String, Object> resolved = Template.map(model.intrinsics().resolve(props, id + ".Properties"));
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String name : QUEUE_ATTRIBUTES) {
      if (resolved.containsKey(name)) {
        attributes.put(name, String.valueOf(resolved.get(name)));
      }
    }
    String deadLetterArn = null;
    Object redrive = resolved.get("RedrivePolicy");
    if (redrive != null) {
      Map<String, Object> policy = redrive instanceof String json ? readObject(json, id + ".RedrivePolicy") : Template.map(redrive);
      deadLetterArn = policy.get("deadLetterTargetArn") == null ? null : String.valueOf(policy.get("deadLetterTargetArn"));
      Object maxReceiveCount = policy.get("maxReceiveCount");
      if (deadLetterArn == null || maxReceiveCount == null) {
        throw new TemplateException(id + ".RedrivePolicy needs deadLetterTargetArn and maxReceiveCount");
      }
      Map<String, String> redrivePolicy = new LinkedHashMap<>();
      redrivePolicy.put("deadLetterTargetArn", deadLetterArn);
      redrivePolicy.put("maxReceiveCount", String.valueOf(maxReceiveCount));
      attributes.put("RedrivePolicy", Json.instance().write(redrivePolicy));
    }
    if (ENCRYPTION.stream().anyMatch(resolved::containsKey)) {
      model.note(id + ": encryption at rest (SSE-SQS, KMS) has no local effect; the local SQS stores messages unencrypted (in the state directory, or in memory)");
    }
    String name = queueName(model, id);
    model.queues().put(id, new Messaging.Queue(id, name, queueUrl(model, id), model.arn("sqs", name), attributes,
        deadLetterArn));
  }

  static void topic(StackModel model, String id, Map<String, Object> props) {
    model.checkProperties(id, props, TOPIC_PROPERTIES);
    Map<String, Object> resolved = Template.map(model.intrinsics().resolve(props, id + ".Properties"));
    Map<String, String> attributes = new LinkedHashMap<>();
    if (resolved.containsKey("DisplayName")) {
      attributes.put("DisplayName", String.valueOf(resolved.get("DisplayName")));
    }
    if (resolved.containsKey("KmsMasterKeyId")) {
      model.note(id + ": KmsMasterKeyId (encryption at rest) has no local effect");
    }
    model.topics().put(id, new Messaging.Topic(id, topicName(model, id), topicArn(model, id), attributes));
  }

  /** Read after the queues and topics, so that its endpoint and topic can be checked against them. */
  static void subscription(StackModel model, String id, Map<String, Object> props) {
    model.checkProperties(id, props, SUBSCRIPTION_PROPERTIES);
    Map<String, Object> resolved = Template.map(model.intrinsics().resolve(props, id + ".Properties"));
    String protocol = String.valueOf(resolved.get("Protocol"));
    String endpoint = String.valueOf(resolved.get("Endpoint"));
    String topicArn = String.valueOf(resolved.get("TopicArn"));
    if (!protocol.equals("sqs")) {
      throw new TemplateException(id + ": protocol " + protocol + " is not delivered locally (only sqs)");
    }
    if (model.queues().values().stream().noneMatch(q -> q.arn().equals(endpoint))) {
      throw new TemplateException(id + ".Endpoint must be the Arn of a queue of this template (!GetAtt Queue.Arn), not " + endpoint);
    }
    if (model.topics().values().stream().noneMatch(t -> t.arn().equals(topicArn))) {
      throw new TemplateException(id + ".TopicArn must be a topic of this template (!Ref Topic), not " + topicArn);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    Object filterPolicy = resolved.get("FilterPolicy");
    if (filterPolicy != null) {
      String json = filterPolicy instanceof String text ? text : Json.instance().write(filterPolicy);
      try {
        FilterPolicy.parse(json);
      } catch (IllegalArgumentException e) {
        throw new TemplateException(id + ".FilterPolicy: " + e.getMessage());
      }
      attributes.put("FilterPolicy", json);
    }
    for (String name : List.of("FilterPolicyScope", "RawMessageDelivery")) {
      if (resolved.containsKey(name)) {
        attributes.put(name, String.valueOf(resolved.get(name)));
      }
    }
    if (resolved.containsKey("RedrivePolicy")) {
      Object redrive = resolved.get("RedrivePolicy");
      attributes.put("RedrivePolicy", redrive instanceof String text ? text : Json.instance().write(redrive));
    }
    model.subscriptions().put(id, new Messaging.Subscription(id, topicArn, protocol, endpoint, attributes));
  }

  /** Every SQS event source must read a queue of this template. */
  static void checkMappings(StackModel model) {
    for (EventSource.SnsSubscription subscription : model.snsSubscriptions()) {
      String where = subscription.functionLogicalId() + ".Events." + subscription.name();
      if (model.topics().values().stream().noneMatch(t -> t.arn().equals(subscription.topicArn()))) {
        model.problems().add(where + ".Topic must be a topic of this template (!Ref Topic)");
      }
      String scope = subscription.filterPolicyScope();
      if (!scope.equals("MessageAttributes") && !scope.equals("MessageBody")) {
        model.problems().add(where + ".FilterPolicyScope must be MessageAttributes or MessageBody, not " + scope);
      }
    }
    for (EventSource.SqsMapping mapping : model.sqsMappings()) {
      String where = mapping.functionLogicalId() + ".Events." + mapping.name();
      if (model.queues().values().stream().noneMatch(q -> q.arn().equals(mapping.queueArn()))) {
        model.problems().add(where + ".Queue must be the Arn of a queue of this template (!GetAtt Queue.Arn)");
      }
      if (mapping.batchSize() < 1 || mapping.batchSize() > 10_000) {
        model.problems().add(where + ".BatchSize must be from 1 to 10000");
      }
      if (mapping.batchSize() > 10 && mapping.maximumBatchingWindowSeconds() < 1) {
        model.problems().add(where + ": a BatchSize above 10 needs MaximumBatchingWindowInSeconds of 1 or more");
      }
      for (String type : mapping.functionResponseTypes()) {
        if (!type.equals("ReportBatchItemFailures")) {
          model.problems().add(where + ".FunctionResponseTypes: " + type + " is not ReportBatchItemFailures");
        }
      }
      if (!mapping.filters().isEmpty()) {
        model.problems().add(where + ".FilterCriteria is not applied by the local stack");
      }
    }
  }

  static String queueName(StackModel model, String id) {
    Object given = model.properties(id).get("QueueName");
    return given != null ? model.intrinsics().resolveString(given, id + ".QueueName") : generatedName(model, id, 80);
  }

  static String queueUrl(StackModel model, String id) {
    return SqsEngine.queueUrl(model.region(), model.accountId(), queueName(model, id));
  }

  static String topicName(StackModel model, String id) {
    Object given = model.properties(id).get("TopicName");
    return given != null ? model.intrinsics().resolveString(given, id + ".TopicName") : generatedName(model, id, 256);
  }

  static String topicArn(StackModel model, String id) {
    return model.arn("sns", topicName(model, id));
  }

  /**
   * {@code <stack>-<LogicalId>-<SUFFIX>} as CloudFormation names a resource left unnamed; the
   * suffix comes from a hash of the two, so the name stays the same from one start to the next.
   */
  static String generatedName(StackModel model, String id, int maxLength) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest((model.stackName() + "/" + id).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 13; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt((hash[i] & 0xff) % SUFFIX_ALPHABET.length()));
    }
    String prefix = (model.stackName() + "-" + id).replaceAll("[^A-Za-z0-9_-]", "-");
    int room = maxLength - suffix.length() - 1;
    return (prefix.length() > room ? prefix.substring(0, room) : prefix) + "-" + suffix.toString().toUpperCase(Locale.ROOT);
  }

  private static Map<String, Object> readObject(String json, String where) {
    try {
      return Template.map(Json.instance().mapper().readValue(json, Map.class));
    } catch (java.io.IOException e) {
      throw new TemplateException(where + " is not a JSON object");
    }
  }
}
