package org.labvault.local.sns;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.labvault.shared.json.Json;

/**
 * The SNS actions the local stack serves, each checked in SNS's order and answered as SNS's XML.
 * The sqs protocol is delivered locally, and lambda for the template's own functions.
 */
final class SnsActions {

  static final int MAX_MESSAGE_BYTES = 256 * 1024;
  static final int MAX_BATCH_ENTRIES = 10;
  private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Set<String> TOPIC_ATTRIBUTES =
      Set.of("DisplayName", "Policy", "DeliveryPolicy", "KmsMasterKeyId", "SignatureVersion", "TracingConfig");
  private static final Set<String> SUBSCRIPTION_ATTRIBUTES =
      Set.of("FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "DeliveryPolicy");

  private final TopicRegistry registry;
  private final SqsDelivery delivery;
  private final String region;
  private final String accountId;
  private final Clock clock;
  private volatile boolean failPublishes;
  /** The functions lambda subscriptions may name, by function ARN: how each is invoked with an event. */
  private final Map<String, java.util.function.Consumer<byte[]>> functions = new java.util.concurrent.ConcurrentHashMap<>();

  SnsActions(TopicRegistry registry, SqsDelivery delivery, String region, String accountId, Clock clock) {
    this.registry = registry;
    this.delivery = delivery;
    this.region = region;
    this.accountId = accountId;
    this.clock = clock;
  }

  /** Lets lambda subscriptions name {@code functionArn}; their deliveries call {@code invoke}. */
  void function(String functionArn, java.util.function.Consumer<byte[]> invoke) {
    functions.put(functionArn, invoke);
  }

  void failPublishes(boolean fail) {
    failPublishes = fail;
  }

  /** @return the XML answer; a refusal is thrown as {@link SnsError} */
  String handle(QueryRequest request, String requestId) {
    String action = request.action();
    if (action == null) {
      throw new SnsError("MissingAction", 400, "Could not find operation for the request");
    }
    String result = switch (action) {
      case "CreateTopic" -> createTopic(request);
      case "GetTopicAttributes" -> getTopicAttributes(request);
      case "SetTopicAttributes" -> setTopicAttributes(request);
      case "ListTopics" -> listTopics();
      case "Subscribe" -> subscribe(request);
      case "SetSubscriptionAttributes" -> setSubscriptionAttributes(request);
      case "GetSubscriptionAttributes" -> getSubscriptionAttributes(request);
      case "Unsubscribe" -> unsubscribe(request);
      case "ListSubscriptionsByTopic" -> listSubscriptionsByTopic(request);
      case "Publish" -> publish(request);
      case "PublishBatch" -> publishBatch(request);
      default -> throw new SnsError("InvalidAction", 400, "The action " + action + " is not valid for this web service.");
    };
    return SnsXml.response(action, result, requestId);
  }

  // ---- topics

  String topicArn(String name) {
    return "arn:aws:sns:" + region + ":" + accountId + ":" + name;
  }

  /** Creates a topic (idempotent by name), as the API and the template do. */
  TopicRegistry.Topic createTopic(String name, Map<String, String> attributes) {
    if (name.endsWith(".fifo") || "true".equalsIgnoreCase(attributes.get("FifoTopic"))) {
      throw SnsError.invalidParameter("FIFO topics are not served by the local stack");
    }
    if (!TOPIC_NAME.matcher(name).matches()) {
      throw SnsError.invalidParameter("Topic Name");
    }
    for (String key : attributes.keySet()) {
      if (!TOPIC_ATTRIBUTES.contains(key)) {
        throw SnsError.invalidParameter("Attributes Reason: Unknown attribute " + key);
      }
    }
    String arn = topicArn(name);
    registry.topic(arn).ifPresent(existing -> attributes.forEach((k, v) -> {
      if (existing.attributes().containsKey(k) && !existing.attributes().get(k).equals(v)) {
        throw SnsError.invalidParameter("Attributes Reason: Topic already exists with different attributes");
      }
    }));
    return registry.createTopic(arn, name, attributes);
  }

  private String createTopic(QueryRequest request) {
    TopicRegistry.Topic topic = createTopic(request.required("Name"), request.map("Attributes"));
    return SnsXml.element("TopicArn", topic.arn());
  }

  private TopicRegistry.Topic topic(String arn) {
    return registry.topic(arn).orElseThrow(() -> SnsError.notFound("Topic does not exist"));
  }

  private String getTopicAttributes(QueryRequest request) {
    TopicRegistry.Topic topic = topic(request.required("TopicArn"));
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("TopicArn", topic.arn());
    attributes.put("Owner", accountId);
    attributes.put("DisplayName", "");
    attributes.put("Policy", defaultPolicy(topic.arn()));
    attributes.put("SubscriptionsConfirmed", String.valueOf(registry.subscriptionsOf(topic.arn()).size()));
    attributes.put("SubscriptionsPending", "0");
    attributes.put("SubscriptionsDeleted", "0");
    attributes.put("EffectiveDeliveryPolicy", "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,"
        + "\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,"
        + "\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,"
        + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}");
    attributes.putAll(topic.attributes());
    return "<Attributes>" + SnsXml.entries(attributes) + "</Attributes>";
  }

  private String setTopicAttributes(QueryRequest request) {
    TopicRegistry.Topic topic = topic(request.required("TopicArn"));
    String name = request.required("AttributeName");
    if (!TOPIC_ATTRIBUTES.contains(name)) {
      throw SnsError.invalidParameter("AttributeName");
    }
    Map<String, String> attributes = new LinkedHashMap<>(topic.attributes());
    attributes.put(name, request.get("AttributeValue") == null ? "" : request.get("AttributeValue"));
    registry.createTopic(topic.arn(), topic.name(), attributes);
    return null;
  }

  private String defaultPolicy(String topicArn) {
    return Json.instance().write(Map.of("Version", "2008-10-17", "Id", "__default_policy_ID",
        "Statement", List.of(Map.of("Sid", "__default_statement_ID", "Effect", "Allow",
            "Principal", Map.of("AWS", "*"), "Action", List.of("SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes"),
            "Resource", topicArn, "Condition", Map.of("StringEquals", Map.of("AWS:SourceOwner", accountId))))));
  }

  private String listTopics() {
    StringBuilder out = new StringBuilder("<Topics>");
    registry.topics().forEach(t -> out.append("<member>").append(SnsXml.element("TopicArn", t.arn())).append("</member>"));
    return out.append("</Topics>").toString();
  }

  // ---- subscriptions

  /** Subscribes a queue, as the API does; the template declares through {@link TopicRegistry#declare}. */
  TopicRegistry.Subscription subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes,
      boolean declared) {
    topic(topicArn);
    switch (protocol) {
      case "sqs" -> {
        String[] arn = endpoint == null ? new String[0] : endpoint.split(":", -1);
        if (arn.length != 6 || !arn[0].equals("arn") || !arn[2].equals("sqs") || !arn[3].equals(region)
            || !arn[4].equals(accountId) || arn[5].isEmpty()) {
          throw SnsError.invalidParameter("SQS endpoint ARN");
        }
      }
      case "lambda" -> {
        if (!functions.containsKey(endpoint)) {
          throw SnsError.invalidParameter("Lambda endpoint ARN: only the template's functions are invoked locally");
        }
      }
      default -> throw SnsError.invalidParameter(
          "Protocol: " + protocol + " is not delivered by the local stack (only sqs, and lambda for the template's functions)");
    }
    attributes.forEach(this::checkSubscriptionAttribute);
    return declared ? registry.declare(topicArn, protocol, endpoint, attributes)
        : registry.subscribe(topicArn, protocol, endpoint, attributes);
  }

  private String subscribe(QueryRequest request) {
    String protocol = request.required("Protocol");
    TopicRegistry.Subscription s = subscribe(request.required("TopicArn"), protocol, request.get("Endpoint"),
        request.map("Attributes"), false);
    return SnsXml.element("SubscriptionArn", s.arn());
  }

  private void checkSubscriptionAttribute(String name, String value) {
    switch (name) {
      case "FilterPolicy" -> {
        if (!value.isEmpty()) {
          try {
            FilterPolicy.parse(value);
          } catch (IllegalArgumentException e) {
            throw SnsError.invalidParameter("FilterPolicy: " + e.getMessage());
          }
        }
      }
      case "FilterPolicyScope" -> {
        try {
          FilterPolicy.Scope.of(value);
        } catch (IllegalArgumentException e) {
          throw SnsError.invalidParameter("Attributes Reason: " + e.getMessage());
        }
      }
      case "RawMessageDelivery" -> {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw SnsError.invalidParameter("Attributes Reason: RawMessageDelivery: Invalid value [" + value
              + "]. Must be true or false.");
        }
      }
      case "RedrivePolicy" -> {
        try {
          Map<?, ?> policy = Json.instance().mapper().readValue(value, Map.class);
          if (!(policy.get("deadLetterTargetArn") instanceof String)) {
            throw SnsError.invalidParameter("RedrivePolicy: deadLetterTargetArn is missing");
          }
        } catch (java.io.IOException e) {
          throw SnsError.invalidParameter("RedrivePolicy: Invalid value [" + value + "]");
        }
      }
      case "DeliveryPolicy" -> {
        // read by SNS for HTTP endpoints only
      }
      default -> throw SnsError.invalidParameter("Attributes Reason: Unknown attribute " + name);
    }
  }

  private String setSubscriptionAttributes(QueryRequest request) {
    String arn = request.required("SubscriptionArn");
    String name = request.required("AttributeName");
    String value = request.get("AttributeValue") == null ? "" : request.get("AttributeValue");
    if (!SUBSCRIPTION_ATTRIBUTES.contains(name)) {
      throw SnsError.invalidParameter("AttributeName");
    }
    registry.subscription(arn).orElseThrow(() -> SnsError.notFound("Subscription does not exist"));
    checkSubscriptionAttribute(name, value);
    registry.setAttribute(arn, name, value);
    return null;
  }

  private String getSubscriptionAttributes(QueryRequest request) {
    TopicRegistry.Subscription s = registry.subscription(request.required("SubscriptionArn"))
        .orElseThrow(() -> SnsError.notFound("Subscription does not exist"));
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("Owner", accountId);
    attributes.put("RawMessageDelivery", "false");
    attributes.put("TopicArn", s.topicArn());
    attributes.put("Endpoint", s.endpoint());
    attributes.put("Protocol", s.protocol());
    attributes.put("PendingConfirmation", "false");
    attributes.put("ConfirmationWasAuthenticated", "true");
    attributes.put("SubscriptionArn", s.arn());
    attributes.put("SubscriptionPrincipal", "arn:aws:iam::" + accountId + ":root");
    attributes.putAll(s.attributes());
    if (s.attributes().containsKey("FilterPolicy")) {
      attributes.putIfAbsent("FilterPolicyScope", "MessageAttributes");
    }
    return "<Attributes>" + SnsXml.entries(attributes) + "</Attributes>";
  }

  private String unsubscribe(QueryRequest request) {
    registry.unsubscribe(request.required("SubscriptionArn")); // idempotent, as in SNS
    return null;
  }

  private String listSubscriptionsByTopic(QueryRequest request) {
    TopicRegistry.Topic topic = topic(request.required("TopicArn"));
    StringBuilder out = new StringBuilder("<Subscriptions>");
    for (TopicRegistry.Subscription s : registry.subscriptionsOf(topic.arn())) {
      out.append("<member>").append(SnsXml.element("TopicArn", s.topicArn()))
          .append(SnsXml.element("Protocol", s.protocol())).append(SnsXml.element("SubscriptionArn", s.arn()))
          .append(SnsXml.element("Owner", accountId)).append(SnsXml.element("Endpoint", s.endpoint()))
          .append("</member>");
    }
    return out.append("</Subscriptions>").toString();
  }

  // ---- publishing

  private String publish(QueryRequest request) {
    refuseWhileFailing();
    String topicArn = request.get("TopicArn") != null ? request.get("TopicArn") : request.get("TargetArn");
    if (topicArn == null) {
      throw SnsError.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
    }
    TopicRegistry.Topic topic = topic(topicArn);
    List<SqsDelivery.Pending> deliveries = new ArrayList<>();
    String messageId = publish(topic, request, deliveries);
    delivery.all(deliveries);
    return SnsXml.element("MessageId", messageId);
  }

  private String publishBatch(QueryRequest request) {
    refuseWhileFailing();
    TopicRegistry.Topic topic = topic(request.required("TopicArn"));
    List<QueryRequest> entries = request.members("PublishBatchRequestEntries");
    if (entries.isEmpty()) {
      throw new SnsError("EmptyBatchRequest", 400, "The batch request doesn't contain any entries.");
    }
    if (entries.size() > MAX_BATCH_ENTRIES) {
      throw new SnsError("TooManyEntriesInBatchRequest", 400, "The batch request contains more entries than permissible.");
    }
    Set<String> ids = new HashSet<>();
    long totalBytes = 0;
    for (QueryRequest entry : entries) {
      String id = entry.get("Id");
      if (id == null || !BATCH_ID.matcher(id).matches()) {
        throw new SnsError("InvalidBatchEntryId", 400, "A batch entry id can only contain alphanumeric characters, "
            + "hyphens and underscores. It can be at most 80 letters long.");
      }
      if (!ids.add(id)) {
        throw new SnsError("BatchEntryIdsNotDistinct", 400, "Two or more batch entries in the request have the same Id.");
      }
      totalBytes += entry.get("Message") == null ? 0 : entry.get("Message").getBytes(StandardCharsets.UTF_8).length;
    }
    if (totalBytes > MAX_MESSAGE_BYTES) {
      throw new SnsError("BatchRequestTooLong", 400, "The length of all the messages put together is more than the limit.");
    }
    StringBuilder successful = new StringBuilder("<Successful>");
    StringBuilder failed = new StringBuilder("<Failed>");
    List<SqsDelivery.Pending> deliveries = new ArrayList<>();
    for (QueryRequest entry : entries) {
      try {
        String messageId = publish(topic, entry, deliveries);
        successful.append("<member>").append(SnsXml.element("Id", entry.get("Id")))
            .append(SnsXml.element("MessageId", messageId)).append("</member>");
      } catch (SnsError e) {
        failed.append("<member>").append(SnsXml.element("Id", entry.get("Id")))
            .append(SnsXml.element("Code", e.type())).append(SnsXml.element("Message", e.getMessage()))
            .append(SnsXml.element("SenderFault", String.valueOf(e.senderFault()))).append("</member>");
      }
    }
    delivery.all(deliveries);
    return successful.append("</Successful>").append(failed).append("</Failed>").toString();
  }

  private void refuseWhileFailing() {
    if (failPublishes) {
      throw SnsError.internal();
    }
  }

  /**
   * Checks one message (of Publish, or one batch entry), and adds its delivery to every subscription
   * whose filter policy lets it through to {@code deliveries} (made together before the answer).
   * MessageGroupId and MessageDeduplicationId mean nothing to a standard topic.
   */
  private String publish(TopicRegistry.Topic topic, QueryRequest message, List<SqsDelivery.Pending> deliveries) {
    String body = message.get("Message");
    if (body == null || body.isEmpty()) {
      throw SnsError.invalidParameter("Empty message");
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
      throw SnsError.invalidParameter("Message too long");
    }
    String subject = message.get("Subject");
    if (subject != null && (subject.isEmpty() || subject.length() > 100)) {
      throw SnsError.invalidParameter("Subject");
    }
    Map<String, MessageAttribute> attributes = message.messageAttributes("MessageAttributes");
    if ("json".equals(message.get("MessageStructure"))) {
      body = sqsMessage(body);
    }
    SnsEnvelope.Notification notification = new SnsEnvelope.Notification(UUID.randomUUID().toString(), topic.arn(),
        subject, body, attributes, clock.instant());
    for (TopicRegistry.Subscription s : registry.subscriptionsOf(topic.arn())) {
      if (s.accepts(notification.message(), attributes)) {
        if (s.protocol().equals("lambda")) {
          // SNS invokes a function asynchronously: the invoker retries and keeps the answer
          var function = functions.get(s.endpoint());
          if (function == null) {
            System.err.println("LabVault local stack: no function " + s.endpoint() + " for " + s.arn() + "; not invoked");
          } else {
            function.accept(SnsEnvelope.lambdaEvent(notification, s.arn(), region).getBytes(StandardCharsets.UTF_8));
          }
        } else {
          deliveries.add(new SqsDelivery.Pending(s, notification));
        }
      }
    }
    return notification.messageId();
  }

  /** With MessageStructure json, a queue gets the {@code sqs} entry, else the {@code default} one. */
  private static String sqsMessage(String structure) {
    try {
      Map<?, ?> perProtocol = Json.instance().mapper().readValue(structure, Map.class);
      Object chosen = perProtocol.containsKey("sqs") ? perProtocol.get("sqs") : perProtocol.get("default");
      if (!(perProtocol.get("default") instanceof String) || !(chosen instanceof String text)) {
        throw SnsError.invalidParameter("Message Structure - No default entry in JSON message body");
      }
      return text;
    } catch (java.io.IOException e) {
      throw SnsError.invalidParameter("Message Structure - JSON message body failed to parse");
    }
  }
}
