package org.labvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.Responses;

/**
 * The digest function on the sample events of events/audit, handed over as Lambda hands them: a JSON
 * object (the schedule's event or the HTTP API's request).
 */
class AuditDigestHandlerTest {

  private EmbeddedTable table;
  private TestAuditComponent component;
  private AuditDigestHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    component = TestAuditComponent.withThreeRecords(table);
    handler = new AuditDigestHandler(component);
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  @Test
  void route_shouldAnswer201WithTheSignedDigest_whenAnOperatorAsks() throws IOException {
    // when
    Object res = handler.handleRequest(event("audit/take-digest.json"), new FakeContext());
    // then
    var response = (com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse) res;
    assertThat(response.getStatusCode()).isEqualTo(201);
    var body = Responses.body(response);
    assertThat(body.properties()).extracting(Map.Entry::getKey)
        .containsExactly("seq", "at", "heads", "prevSignature", "keyId", "algorithm", "signature");
    assertThat(body.path("seq").asLong()).isEqualTo(1);
    assertThat(body.path("heads")).hasSize(4);
    assertThat(body.path("algorithm").asText()).isEqualTo("ECDSA_SHA_256");
    assertThat(body.path("signature").asText()).isBase64();
    // and the digest verifies, audited as the operator's
    var report = component.trail().verify();
    assertThat(report.valid()).as(report.toString()).isTrue();
    assertThat(report.digests()).isEqualTo(1);
    assertThat(component.trail().since(Instant.parse("2026-11-23T00:00:00Z"), org.labvault.shared.paging.PageRequest.first(50)).items())
        .anySatisfy(r -> {
          assertThat(r.action()).isEqualTo("audit:digest");
          assertThat(r.actor()).isEqualTo("0a9b8c7d-operator");
          assertThat(r.resource()).isEqualTo("digest:1");
        });
  }

  @Test
  void route_shouldBe403AndTakeNoDigest_whenTheCallerIsNoOperator() throws IOException {
    // when
    var res = (com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse)
        handler.handleRequest(event("audit/take-digest-not-operator.json"), new FakeContext());
    // then
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(Responses.problemCode(res)).isEqualTo("FORBIDDEN");
    assertThat(component.trail().verify().digests()).isZero();
  }

  @Test
  void schedule_shouldTakeTheNextDigest_eachTimeItFires() throws IOException {
    // when: the schedule fires twice
    Object first = handler.handleRequest(event("audit/scheduled-digest.json"), new FakeContext());
    Object second = handler.handleRequest(event("audit/scheduled-digest.json"), new FakeContext());
    // then: two digests in a row, no fork
    assertThat(((Map<?, ?>) first).get("seq")).isEqualTo(1L);
    assertThat(((Map<?, ?>) second).get("seq")).isEqualTo(2L);
    assertThat(((Map<?, ?>) second).get("prevSignature")).isEqualTo(((Map<?, ?>) first).get("signature"));
    assertThat(component.trail().verify().digests()).isEqualTo(2);
  }

  @Test
  void anyOtherEvent_shouldBeRefusedByThrowing_soTheInvokerSeesAFailure() {
    assertThatThrownBy(() -> handler.handleRequest(Map.of("source", "aws.s3"), new FakeContext()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(component.trail().verify().digests()).isZero();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> event(String resource) throws IOException {
    try (InputStream in = AuditDigestHandlerTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new ObjectMapper().readValue(in, Map.class);
    }
  }
}
