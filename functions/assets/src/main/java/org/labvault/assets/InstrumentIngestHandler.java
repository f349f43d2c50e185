package org.labvault.assets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Upload requests from instruments, from the IoT rule. (Under construction.) */
public final class InstrumentIngestHandler implements RequestHandler<Map<String, Object>, Void> {

  public InstrumentIngestHandler() {
    this(System.getenv());
  }

  public InstrumentIngestHandler(Map<String, String> environment) {
  }

  @Override
  public Void handleRequest(Map<String, Object> event, Context context) {
    return null;
  }
}
