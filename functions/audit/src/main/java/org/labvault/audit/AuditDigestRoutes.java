package org.labvault.audit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.labvault.audit.domain.Digest;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;

/**
 * The two ways a digest is asked for, told apart by the event: the schedule's, or the operators'
 * route {@code POST /ops/audit/digests} (the router audits every use of it).
 */
final class AuditDigestRoutes {

  /** API Gateway's event as Lambda hands it over: fields this version does not know are left out. */
  private static final ObjectMapper EVENTS = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private AuditDigestRoutes() {}

  static Router router(AuditDigestComponent c, DigestWriter writer) {
    return Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .authorizing(c.authorizer())
        .on("POST /ops/audit/digests", r -> ApiResponse.created(writer.take(r.caller().userId(), r.requestId())))
        .build();
  }

  static boolean isScheduled(Map<String, Object> input) {
    return input != null && "aws.events".equals(input.get("source")) && "Scheduled Event".equals(input.get("detail-type"));
  }

  static boolean isHttp(Map<String, Object> input) {
    return input != null && input.containsKey("requestContext");
  }

  static APIGatewayV2HTTPEvent httpEvent(Map<String, Object> input) {
    return EVENTS.convertValue(input, APIGatewayV2HTTPEvent.class);
  }

  /** The scheduled run's answer: the digest as JSON fields. */
  static Map<?, ?> view(Digest digest) {
    return EVENTS.convertValue(digest, Map.class);
  }
}
