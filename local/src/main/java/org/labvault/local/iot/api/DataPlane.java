package org.labvault.local.iot.api;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The data plane's Publish: the message goes to the broker's subscribers, as IoT Core's HTTPS publish. */
final class DataPlane {

  /** IoT Core's limit on a message. */
  static final int MAX_PAYLOAD_BYTES = 128 * 1024;
  private static final long PUBLISH_TIMEOUT_SECONDS = 10;

  private final TopicPublisher broker;

  DataPlane(TopicPublisher broker) {
    this.broker = broker;
  }

  IotResponse publish(String topic, IotRequest request) {
    if (topic.isEmpty() || topic.contains("#") || topic.contains("+")) {
      throw IotError.invalidRequest("a topic to publish to has no wildcards: " + topic);
    }
    String qosText = request.query("qos");
    int qos;
    if (qosText == null || qosText.equals("0")) {
      qos = 0;
    } else if (qosText.equals("1")) {
      qos = 1;
    } else {
      throw IotError.invalidRequest("qos must be 0 or 1, not " + qosText);
    }
    if (request.body().length > MAX_PAYLOAD_BYTES) {
      throw new IotError("RequestEntityTooLargeException", 413, "The payload exceeds the maximum size allowed");
    }
    try {
      broker.publish(topic, request.body(), qos).get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw IotError.unavailable("interrupted while publishing");
    } catch (ExecutionException | TimeoutException e) {
      throw IotError.unavailable("the MQTT broker did not take the message: " + e.getMessage());
    }
    return IotResponse.EMPTY;
  }
}
