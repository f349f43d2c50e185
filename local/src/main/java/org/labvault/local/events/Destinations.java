package org.labvault.local.events;

/**
 * Where records of events that could not be processed go: the on-failure destinations of
 * asynchronous invocations and of stream event source mappings (an SQS queue or SNS topic ARN).
 */
@FunctionalInterface
public interface Destinations {

  /**
   * Sends {@code json} to the queue or topic {@code arn}.
   *
   * @throws RuntimeException when it cannot be sent; the caller reports it
   */
  void send(String arn, String json);
}
