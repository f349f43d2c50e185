package org.labvault.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.labvault.shared.instrument.port.InstrumentMessages;
import org.labvault.shared.json.Json;

/** The messages published to instruments, kept in order; a switch makes publishing fail. */
public final class RecordedMessages implements InstrumentMessages {

  public record Message(String topic, JsonNode json) {}

  public final List<Message> sent = new CopyOnWriteArrayList<>();
  public volatile boolean failing;

  @Override
  public void publish(String topic, byte[] json) {
    if (failing) {
      throw new IllegalStateException("the data plane is down");
    }
    try {
      sent.add(new Message(topic, Json.instance().mapper().readTree(json)));
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + new String(json, java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }
}
