package org.labvault.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.labvault.shared.json.Json;

/**
 * An IoT rule's function for end-to-end tests: keeps every event it gets in {@link #RECEIVED} and
 * counts the calls per {@code requestId}; an event whose request id starts with {@link #FAIL} fails,
 * so the invocation's retries and on-failure destination can be watched (the rule selects the
 * request's fields by name, so the marker rides in one of them).
 */
public final class IngestSinkHandler implements RequestStreamHandler {

  public static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
  public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  public static final String FAIL = "fail-";

  public IngestSinkHandler(Map<String, String> env) {}

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.instance().mapper().readTree(input);
    CALLS.computeIfAbsent(event.path("requestId").asText(), id -> new AtomicInteger()).incrementAndGet();
    if (event.path("requestId").asText().startsWith(FAIL)) {
      throw new IllegalStateException("failing as asked: " + event.path("requestId").asText());
    }
    RECEIVED.add(event);
    output.write("null".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
