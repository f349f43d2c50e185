package org.labvault.local.iot.api;

import java.util.concurrent.CompletableFuture;

/** Where the data plane's Publish sends a message: the broker's subscribers ({@code BrokerPolicy::publish}). */
@FunctionalInterface
public interface TopicPublisher {
  CompletableFuture<Void> publish(String topic, byte[] payload, int qos);
}
