package org.labvault.uploadevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
import org.labvault.shared.snapstart.SnapStartFunction;
import org.slf4j.MDC;

/**
 * The data bucket's "object created" notifications. Records of another bucket are skipped; a
 * failure is thrown, so Lambda retries the event (every step is idempotent).
 */
public final class UploadEventsHandler extends SnapStartFunction implements RequestStreamHandler {

  private final UploadEvents events;
  private final Json json;

  public UploadEventsHandler() {
    this(System.getenv());
  }

  public UploadEventsHandler(Map<String, String> environment) {
    this(DaggerUploadEventsComponent.factory().create(Config.from(environment)));
  }

  UploadEventsHandler(UploadEventsComponent c) {
    primedBy(c.priming());
    this.events = new UploadEvents(c.verifier(), c.config().require(Config.Names.DATA_BUCKET));
    this.json = c.json();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    var event = json.mapper().readTree(input);
    MDC.put("requestId", context.getAwsRequestId());
    try {
      events.handle(event, context.getAwsRequestId());
    } finally {
      MDC.remove("requestId");
    }
    output.write("null".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void primeRequest() {
    try {
      handleRequest(new ByteArrayInputStream("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)),
          OutputStream.nullOutputStream(), Priming.CONTEXT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    priming().readStore(Keys.asset(Priming.NO_SUCH_ID));
  }
}
