package org.labvault.uploadevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
import org.labvault.shared.snapstart.SnapStartFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The data bucket's "object created" notifications. Records of another bucket are skipped; a
 * failure is thrown, so Lambda retries the event (every step is idempotent).
 */
public final class UploadEventsHandler extends SnapStartFunction implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(UploadEventsHandler.class);

  private final UploadVerifier verifier;
  private final Json json;
  private final String bucket;

  public UploadEventsHandler() {
    this(System.getenv());
  }

  public UploadEventsHandler(Map<String, String> environment) {
    this(DaggerUploadEventsComponent.factory().create(Config.from(environment)));
  }

  UploadEventsHandler(UploadEventsComponent c) {
    primedBy(c.priming());
    this.verifier = c.verifier();
    this.json = c.json();
    this.bucket = c.config().require(Config.Names.DATA_BUCKET);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = json.mapper().readTree(input);
    MDC.put("requestId", context.getAwsRequestId());
    try {
      for (ObjectCreated created : ObjectCreated.from(event)) {
        if (!bucket.equals(created.bucket())) {
          LOG.warn("skipped an event of bucket {}", created.bucket());
          continue;
        }
        var outcome = verifier.handle(created, context.getAwsRequestId());
        LOG.info("{} {} version {}: {}", created.eventName(), created.key(), created.versionId(), outcome);
      }
    } finally {
      MDC.remove("requestId");
    }
    output.write("null".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void primeRequest() {
    try {
      handleRequest(new java.io.ByteArrayInputStream("{\"Records\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          java.io.OutputStream.nullOutputStream(), Priming.CONTEXT);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    priming().readStore(Keys.asset(Priming.NO_SUCH_ID));
  }
}
