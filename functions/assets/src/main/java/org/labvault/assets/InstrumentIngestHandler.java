package org.labvault.assets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.snapstart.SnapStartFunction;

/**
 * Upload requests from instruments, invoked (asynchronously) by the IoT rule on
 * {@code labvault/instruments/+/upload-requests}. An answer that cannot be sent fails the
 * invocation: Lambda retries it, then it goes to the on-failure queue; the request's claim makes
 * the retries answer the same asset.
 */
public final class InstrumentIngestHandler extends SnapStartFunction implements RequestHandler<Map<String, Object>, Void> {

  private final InstrumentUploads uploads;

  public InstrumentIngestHandler() {
    this(System.getenv());
  }

  public InstrumentIngestHandler(Map<String, String> environment) {
    this(DaggerInstrumentIngestComponent.factory().create(Config.from(environment)));
  }

  InstrumentIngestHandler(InstrumentIngestComponent c) {
    primedBy(c.priming());
    this.uploads = c.uploads();
  }

  @Override
  public Void handleRequest(Map<String, Object> event, Context context) {
    uploads.handle(event == null ? Map.of() : event);
    return null;
  }

  @Override
  protected void primeRequest() {
    priming().readStore(Keys.instrument(Priming.NO_SUCH_ID));
  }
}
