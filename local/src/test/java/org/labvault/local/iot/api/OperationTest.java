package org.labvault.local.iot.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one parser and the routing: each operation by its method and path, as the IoT API reference gives them. */
class OperationTest {

  private static IotRequest request(String method, String rawPath, String rawQuery) {
    return IotRequest.parse(method, rawPath, rawQuery, name -> null, new byte[0]);
  }

  @ParameterizedTest
  @CsvSource({
      "POST, /things/instr-1, , CREATE_THING, instr-1",
      "DELETE, /things/instr-1, , DELETE_THING, instr-1",
      "PUT, /things/instr-1/principals, thingPrincipalType=EXCLUSIVE_THING, ATTACH_THING_PRINCIPAL, instr-1",
      "DELETE, /things/instr-1/principals, , DETACH_THING_PRINCIPAL, instr-1",
      "POST, /certificates, setAsActive=true, CREATE_CERTIFICATE_FROM_CSR, ",
      "PUT, /certificates/ab12, newStatus=REVOKED, UPDATE_CERTIFICATE, ab12",
      "DELETE, /certificates/ab12, forceDelete=true, DELETE_CERTIFICATE, ab12",
      "PUT, /target-policies/InstrumentPolicy, , ATTACH_POLICY, InstrumentPolicy",
      "POST, /target-policies/InstrumentPolicy, , DETACH_POLICY, InstrumentPolicy",
      "GET, /endpoint, endpointType=iot%3AData-ATS, DESCRIBE_ENDPOINT, ",
      "POST, /topics/labvault%2Finstruments%2Fi-1%2Fupload-responses, qos=1, PUBLISH, labvault/instruments/i-1/upload-responses",
  })
  void eachOperation_shouldBeRoutedByMethodAndPath(String method, String path, String query, Operation expected,
      String parameter) {
    Operation.Routed routed = Operation.route(request(method, path, query)).orElseThrow();

    assertThat(routed.operation()).isEqualTo(expected);
    assertThat(routed.parameters()).isEqualTo(parameter == null ? List.of() : List.of(parameter));
  }

  @Test
  void aTopicSentWithItsSlashesUnencoded_shouldStillBeOneTopic() {
    Operation.Routed routed = Operation.route(request("POST", "/topics/a/b/c", null)).orElseThrow();

    assertThat(routed.operation()).isEqualTo(Operation.PUBLISH);
    assertThat(routed.parameter(0)).isEqualTo("a/b/c");
  }

  @ParameterizedTest
  @CsvSource({"GET, /things/instr-1", "POST, /things", "PATCH, /certificates/ab12", "POST, /topics", "GET, /",
      "PUT, /things/instr-1/principals/more"})
  void anythingElse_shouldMatchNoOperation(String method, String path) {
    assertThat(Operation.route(request(method, path, null))).isEmpty();
  }

  @Test
  void thePlanes_shouldSignForIotAndIotdata() {
    assertThat(Operation.planeOf(request("POST", "/topics/x", null))).isEqualTo(Operation.Plane.DATA);
    assertThat(Operation.planeOf(request("POST", "/things/x", null))).isEqualTo(Operation.Plane.CONTROL);
    assertThat(Operation.Plane.CONTROL.signingName()).isEqualTo("iot");
    assertThat(Operation.Plane.DATA.signingName()).isEqualTo("iotdata");
  }

  @Test
  void theParser_shouldPercentDecodePathAndQuery_keepingAPlus() {
    IotRequest parsed = request("GET", "/endpoint", "endpointType=iot%3AData-ATS&x=a+b&flag");

    assertThat(parsed.query()).isEqualTo(Map.of("endpointType", "iot:Data-ATS", "x", "a+b", "flag", ""));
    assertThat(IotRequest.decode("caf%C3%A9%2Fx")).isEqualTo("café/x");
  }

  @Test
  void aMalformedEncoding_shouldBeAnInvalidRequest() {
    assertThatThrownBy(() -> request("POST", "/topics/a%2", null))
        .isInstanceOfSatisfying(IotError.class, e -> {
          assertThat(e.type()).isEqualTo("InvalidRequestException");
          assertThat(e.status()).isEqualTo(400);
        });
    assertThatThrownBy(() -> request("POST", "/topics/a%zz", null)).isInstanceOf(IotError.class);
  }

  @Test
  void aBody_shouldBeReadAsAJsonObject_andAMissingFieldNamed() {
    IotRequest withTarget = IotRequest.parse("PUT", "/target-policies/p", null, name -> null,
        "{\"target\":\"arn:x\"}".getBytes(StandardCharsets.UTF_8));
    IotRequest notJson = IotRequest.parse("PUT", "/target-policies/p", null, name -> null,
        "target=x".getBytes(StandardCharsets.UTF_8));

    assertThat(withTarget.requiredField("target")).isEqualTo("arn:x");
    assertThatThrownBy(() -> withTarget.requiredField("other")).isInstanceOf(IotError.class).hasMessageContaining("'other'");
    assertThatThrownBy(notJson::json).isInstanceOf(IotError.class).hasMessageContaining("not valid JSON");
  }
}
