package org.labvault.shared.instrument.port;

/** Messages to instruments, through IoT Core's data plane. */
public interface InstrumentMessages {

  /** Publishes a JSON message to an instrument's topic (QoS 1). */
  void publish(String topic, byte[] json);
}
