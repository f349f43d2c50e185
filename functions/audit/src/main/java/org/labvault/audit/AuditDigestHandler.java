package org.labvault.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

/**
 * Takes a signed digest of the audit chains: hourly on the schedule, or now through
 * {@code POST /ops/audit/digests} (operators only; 201 with the digest).
 */
public final class AuditDigestHandler extends SnapStartFunction implements RequestHandler<Map<String, Object>, Object> {

  /** Who the audit trail names for the scheduled digests. */
  static final String SCHEDULE = "system:audit-digest-schedule";

  private final DigestWriter writer;
  private final Router router;

  public AuditDigestHandler() {
    this(System.getenv());
  }

  public AuditDigestHandler(Map<String, String> environment) {
    this(DaggerAuditDigestComponent.factory().create(Config.from(environment)));
  }

  AuditDigestHandler(AuditDigestComponent c) {
    primedBy(c.priming());
    this.writer = c.writer();
    this.router = AuditDigestRoutes.router(c, writer);
  }

  @Override
  public Object handleRequest(Map<String, Object> input, Context context) {
    if (AuditDigestRoutes.isScheduled(input)) {
      return AuditDigestRoutes.view(writer.take(SCHEDULE, context == null ? String.valueOf(input.get("id")) : context.getAwsRequestId()));
    }
    if (AuditDigestRoutes.isHttp(input)) {
      return router.handle(AuditDigestRoutes.httpEvent(input), context);
    }
    // neither the schedule nor the HTTP API: thrown, so the invoker's retries and failure destination see it
    throw new IllegalArgumentException("expected a scheduled event or an HTTP API request");
  }

  @Override
  protected void primeRequest() {
    // a digest is signed with the audit key and stored: only the HTTP path primes
    router.prime("GET /priming", Map.of(), null);
  }
}
