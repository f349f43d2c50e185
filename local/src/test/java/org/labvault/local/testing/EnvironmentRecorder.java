package org.labvault.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A function for the stack tests that keeps the environment it was created with. */
public final class EnvironmentRecorder implements RequestHandler<Map<String, Object>, String> {

  public static final AtomicReference<Map<String, String>> LAST = new AtomicReference<>(Map.of());

  public EnvironmentRecorder(Map<String, String> environment) {
    LAST.set(Map.copyOf(environment));
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    return "ok";
  }
}
