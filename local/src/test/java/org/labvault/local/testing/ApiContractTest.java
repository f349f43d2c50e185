package org.labvault.local.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The check every end-to-end answer goes through: it must refuse what openapi.yaml does not say. */
class ApiContractTest {

  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";
  private static final String GROUP = """
      {"groupId":"g1","name":"Lab","description":null,"createdAt":"2026-11-23T08:00:00Z","createdBy":"alice",
       "role":"ADMIN","memberCount":1}""";

  private final ApiContract contract = ApiContract.instance();

  @Test
  void aDocumentedAnswerPasses() {
    assertThatCode(() -> contract.check("GET", "/groups/g1", 200, JSON, GROUP)).doesNotThrowAnyException();
    assertThatCode(() -> contract.check("DELETE", "/groups/g1", 204, null, "")).doesNotThrowAnyException();
    assertThatCode(() -> contract.check("DELETE", "/groups/g1", 409, PROBLEM, """
        {"type":"urn:labvault:problem:group-not-empty","title":"Conflict","status":409,"code":"GROUP_NOT_EMPTY",
         "detail":"the group still holds assets"}""")).doesNotThrowAnyException();
  }

  @Test
  void aStatusTheRouteDoesNotDocumentFails() {
    assertThatThrownBy(() -> contract.check("GET", "/groups/g1", 500, PROBLEM, """
        {"type":"urn:labvault:problem:internal","title":"Internal Server Error","status":500,"code":"INTERNAL","detail":"x"}"""))
        .hasMessageContaining("GET /groups/{groupId} answered 500");
  }

  @Test
  void aBodyThatDoesNotMatchItsSchemaFailsNamingTheField() {
    assertThatThrownBy(() -> contract.check("GET", "/groups/g1", 200, JSON, GROUP.replace("\"ADMIN\"", "\"OWNER\"")))
        .hasMessageContaining("GET /groups/{groupId} answered 200").hasMessageContaining("role");
    assertThatThrownBy(() -> contract.check("GET", "/groups/g1", 200, JSON, GROUP.replace("\"memberCount\"", "\"members\"")))
        .hasMessageContaining("members");
  }

  @Test
  void aTimestampThatIsNotAnRfc3339UtcTimeFails() {
    assertThatThrownBy(() -> contract.check("GET", "/groups/g1", 200, JSON, GROUP.replace("2026-11-23T08:00:00Z", "yesterday")))
        .hasMessageContaining("createdAt");
    assertThatThrownBy(() -> contract.check("GET", "/groups/g1", 200, JSON,
        GROUP.replace("2026-11-23T08:00:00Z", "2026-11-23T09:00:00+01:00"))).hasMessageContaining("createdAt");
    assertThatCode(() -> contract.check("GET", "/groups/g1", 200, JSON,
        GROUP.replace("2026-11-23T08:00:00Z", "2026-11-23T08:00:00.123Z"))).doesNotThrowAnyException();
  }

  @Test
  void aConflictCodeTheRouteDoesNotDocumentFails() {
    assertThatThrownBy(() -> contract.check("DELETE", "/groups/g1", 409, PROBLEM, """
        {"type":"urn:labvault:problem:last-admin","title":"Conflict","status":409,"code":"LAST_ADMIN","detail":"x"}"""))
        .hasMessageContaining("code");
  }

  @Test
  void theWrongMediaTypeOrABodyWhereNoneIsDocumentedFails() {
    assertThatThrownBy(() -> contract.check("GET", "/groups/g1", 200, "text/plain", GROUP))
        .hasMessageContaining("text/plain");
    assertThatThrownBy(() -> contract.check("DELETE", "/groups/g1", 204, JSON, "{}"))
        .hasMessageContaining("documents none");
  }

  @Test
  void routesTheDocumentDoesNotHaveAreNotChecked() {
    assertThatCode(() -> contract.check("POST", "/local/tokens", 200, JSON, "{\"token\":\"t\"}")).doesNotThrowAnyException();
  }
}
