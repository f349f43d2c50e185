package org.labvault.local.template;

import java.util.Map;

/** The template's SQS queues, SNS topics and SNS subscriptions, resolved. */
public final class Messaging {
  private Messaging() {}

  /**
   * An {@code AWS::SQS::Queue}.
   *
   * @param attributes SQS queue attributes as CreateQueue takes them (VisibilityTimeout,
   *     RedrivePolicy as JSON, ...), only those with a local effect
   * @param deadLetterQueueArn the ARN its RedrivePolicy names, or null
   */
  public record Queue(String logicalId, String queueName, String url, String arn, Map<String, String> attributes,
      String deadLetterQueueArn) {
    public Queue {
      attributes = Map.copyOf(attributes);
    }
  }

  /** An {@code AWS::SNS::Topic}; {@code attributes} as CreateTopic takes them. */
  public record Topic(String logicalId, String topicName, String arn, Map<String, String> attributes) {
    public Topic {
      attributes = Map.copyOf(attributes);
    }
  }

  /**
   * An {@code AWS::SNS::Subscription} (protocol sqs: {@code endpoint} is a queue ARN);
   * {@code attributes} as Subscribe takes them (FilterPolicy as JSON, RawMessageDelivery, ...).
   */
  public record Subscription(String logicalId, String topicArn, String protocol, String endpoint,
      Map<String, String> attributes) {
    public Subscription {
      attributes = Map.copyOf(attributes);
    }
  }
}
