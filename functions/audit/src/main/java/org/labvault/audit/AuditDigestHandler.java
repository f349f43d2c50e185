package org.labvault.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.labvault.audit.domain.Digest;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

/**
 * Takes a signed digest of the audit chains: hourly on the schedule, or now through
 * {@code POST /ops/audit/digests} (operators only; 201 with the digest).
 */
public final class AuditDigestHandler extends SnapStartFunction implements RequestHandler<Map<String, Object>, Object> {

  /** Who the audit trail names for the scheduled digests. */
  static final String SCHEDULE = "system:audit-digest-schedule";

  /** API Gateway's event as Lambda hands it over: fields this version does not know are left out. */
  private static final ObjectMapper EVENTS = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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
    this.router = Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .authorizing(c.authorizer())
        .on("POST /ops/audit/digests", r -> ApiResponse.created(writer.take(r.caller().userId(), r.requestId())))
        .build();
  }

  @Override
  public Object handleRequest(Map<String, Object> input, Context context) {
    if (input != null && "aws.events".equals(input.get("source")) && "Scheduled Event".equals(input.get("detail-type"))) {
      Digest digest = writer.take(SCHEDULE, context == null ? String.valueOf(input.get("id")) : context.getAwsRequestId());
      return EVENTS.convertValue(digest, Map.class);
    }
    if (input != null && input.containsKey("requestContext")) {
      return router.handle(EVENTS.convertValue(input, APIGatewayV2HTTPEvent.class), context);
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
