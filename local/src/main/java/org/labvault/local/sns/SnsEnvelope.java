package org.labvault.local.sns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.shared.json.Json;

/**
 * The JSON document SNS delivers to a subscriber without raw message delivery. The signature is
 * not SNS's (there is no SNS signing certificate locally): a digest of the message, so the field
 * is there and changes with the message.
 */
final class SnsEnvelope {
  private SnsEnvelope() {}

  /** One published message, as a subscription receives it. */
  record Notification(String messageId, String topicArn, String subject, String message,
      Map<String, MessageAttribute> attributes, Instant timestamp) {
    Notification {
      attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
      timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    }
  }

  static String of(Notification n, String subscriptionArn, String region) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("Type", "Notification");
    envelope.put("MessageId", n.messageId());
    envelope.put("TopicArn", n.topicArn());
    if (n.subject() != null) {
      envelope.put("Subject", n.subject());
    }
    envelope.put("Message", n.message());
    envelope.put("Timestamp", n.timestamp().toString());
    envelope.put("SignatureVersion", "1");
    envelope.put("Signature", signature(n));
    envelope.put("SigningCertURL", "https://sns." + region + ".amazonaws.com/SimpleNotificationService-local.pem");
    envelope.put("UnsubscribeURL", "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
        + subscriptionArn);
    if (!n.attributes().isEmpty()) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      n.attributes().forEach((name, a) -> attributes.put(name, Map.of("Type", a.dataType(), "Value", a.envelopeValue())));
      envelope.put("MessageAttributes", attributes);
    }
    return Json.instance().write(envelope);
  }

  /**
   * The event SNS invokes a function with: one record holding the notification, with SNS's own
   * spelling for Lambda ({@code SigningCertUrl}, {@code UnsubscribeUrl}, {@code EventSubscriptionArn}).
   */
  static String lambdaEvent(Notification n, String subscriptionArn, String region) {
    Map<String, Object> sns = new LinkedHashMap<>();
    sns.put("Type", "Notification");
    sns.put("MessageId", n.messageId());
    sns.put("TopicArn", n.topicArn());
    sns.put("Subject", n.subject());
    sns.put("Message", n.message());
    sns.put("Timestamp", n.timestamp().toString());
    sns.put("SignatureVersion", "1");
    sns.put("Signature", signature(n));
    sns.put("SigningCertUrl", "https://sns." + region + ".amazonaws.com/SimpleNotificationService-local.pem");
    sns.put("UnsubscribeUrl", "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
        + subscriptionArn);
    Map<String, Object> attributes = new LinkedHashMap<>();
    n.attributes().forEach((name, a) -> attributes.put(name, Map.of("Type", a.dataType(), "Value", a.envelopeValue())));
    sns.put("MessageAttributes", attributes);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("EventSource", "aws:sns");
    record.put("EventVersion", "1.0");
    record.put("EventSubscriptionArn", subscriptionArn);
    record.put("Sns", sns);
    return Json.instance().write(Map.of("Records", java.util.List.of(record)));
  }

  private static String signature(Notification n) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((n.messageId() + "\n" + n.message()).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
