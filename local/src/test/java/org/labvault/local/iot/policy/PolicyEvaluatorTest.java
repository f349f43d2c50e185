package org.labvault.local.iot.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labvault.local.iot.policy.PolicyEvaluator.Decision;
import org.labvault.shared.json.Json;

/** Policies as the IoT Core developer guide writes them, decided as IoT Core decides them. */
class PolicyEvaluatorTest {

  private static final String ARN = "arn:aws:iot:us-east-1:123456789012:";

  /** The instrument policy of template.yaml, as CloudFormation hands it to IoT Core. */
  private static final PolicyDocument INSTRUMENT = policy("""
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iot:Connect",
         "Resource": "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}",
         "Condition": {"Bool": {"iot:Connection.Thing.IsAttached": "true"}}},
        {"Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"],
         "Resource": "arn:aws:iot:us-east-1:123456789012:topic/labvault/instruments/${iot:Connection.Thing.ThingName}/*"},
        {"Effect": "Allow", "Action": "iot:Subscribe",
         "Resource": "arn:aws:iot:us-east-1:123456789012:topicfilter/labvault/instruments/${iot:Connection.Thing.ThingName}/*"}
      ]}""");

  private static PolicyDocument policy(String json) {
    @SuppressWarnings("unchecked")
    Map<String, Object> document = Json.instance().read(json, Map.class);
    return PolicyDocument.parse(document);
  }

  private static Decision decide(List<PolicyDocument> policies, String action, String resource, String clientId,
      String thing) {
    return PolicyEvaluator.decide(policies, new PolicyEvaluator.Request(action, ARN + resource, Variables.of(clientId, thing)));
  }

  @ParameterizedTest(name = "{0} {1} as {2} (thing {3}) -> {4}")
  @CsvSource(nullValues = "null", value = {
      "iot:Connect,   client/sensor-1,                                  sensor-1, sensor-1, ALLOWED",
      "iot:Connect,   client/sensor-2,                                  sensor-2, sensor-1, IMPLICITLY_DENIED",
      "iot:Connect,   client/sensor-1,                                  sensor-1, null,     IMPLICITLY_DENIED",
      "iot:Publish,   topic/labvault/instruments/sensor-1/upload-requests,  sensor-1, sensor-1, ALLOWED",
      "iot:Publish,   topic/labvault/instruments/sensor-1/a/b,          sensor-1, sensor-1, ALLOWED",
      "iot:Publish,   topic/labvault/instruments/sensor-2/upload-requests,  sensor-1, sensor-1, IMPLICITLY_DENIED",
      "iot:Publish,   topic/labvault/instruments/sensor-1,              sensor-1, sensor-1, IMPLICITLY_DENIED",
      "iot:Publish,   topic/labvault/instruments/sensor-1/x,            sensor-1, null,     IMPLICITLY_DENIED",
      "iot:Receive,   topic/labvault/instruments/sensor-1/upload-responses, sensor-1, sensor-1, ALLOWED",
      "iot:Receive,   topic/labvault/instruments/sensor-2/upload-responses, sensor-1, sensor-1, IMPLICITLY_DENIED",
      "iot:Subscribe, topicfilter/labvault/instruments/sensor-1/#,      sensor-1, sensor-1, ALLOWED",
      "iot:Subscribe, topicfilter/labvault/instruments/+/upload-responses, sensor-1, sensor-1, IMPLICITLY_DENIED",
      "iot:Subscribe, topicfilter/#,                                    sensor-1, sensor-1, IMPLICITLY_DENIED",
      "iot:Subscribe, topic/labvault/instruments/sensor-1/x,            sensor-1, sensor-1, IMPLICITLY_DENIED",
      "iot:Publish,   topicfilter/labvault/instruments/sensor-1/x,      sensor-1, sensor-1, IMPLICITLY_DENIED",
  })
  void theInstrumentPolicy_shouldBindEveryActionToTheCertificatesThing(String action, String resource, String clientId,
      String thing, Decision expected) {
    assertThat(decide(List.of(INSTRUMENT), action, resource, clientId, thing)).isEqualTo(expected);
  }

  @Test
  void noPolicy_shouldDenyEverything() {
    assertThat(decide(List.of(), "iot:Connect", "client/sensor-1", "sensor-1", "sensor-1"))
        .isEqualTo(Decision.IMPLICITLY_DENIED);
  }

  @Test
  void anExplicitDeny_shouldWinOverEveryAllow_inAnyAttachedPolicy() {
    PolicyDocument everything = policy("""
        {"Statement": {"Effect": "Allow", "Action": "iot:*", "Resource": "*"}}""");
    PolicyDocument noSecrets = policy("""
        {"Statement": [{"Effect": "Deny", "Action": ["iot:Publish", "iot:Receive"],
          "Resource": "arn:aws:iot:us-east-1:123456789012:topic/secret/*"}]}""");

    assertThat(decide(List.of(everything, noSecrets), "iot:Publish", "topic/secret/x", "c", null))
        .isEqualTo(Decision.EXPLICITLY_DENIED);
    assertThat(decide(List.of(everything, noSecrets), "iot:Publish", "topic/public/x", "c", null))
        .isEqualTo(Decision.ALLOWED);
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
      "iot:*,        iot:Subscribe, true",
      "iot:Pub*,     iot:Publish,   true",
      "iot:Pub*,     iot:Subscribe, false",
      "IOT:publish,  iot:Publish,   true",
      "iot:Connec?,  iot:Connect,   true",
      "*,            iot:Receive,   true",
  })
  void actions_shouldMatchWithWildcards_ignoringCase(String pattern, String action, boolean allowed) {
    PolicyDocument p = policy("""
        {"Statement": {"Effect": "Allow", "Action": "%s", "Resource": "*"}}""".formatted(pattern));
    assertThat(decide(List.of(p), action, "topic/t", "c", null).allowed()).isEqualTo(allowed);
  }

  @Test
  void resources_shouldTakeStarAcrossLevels_questionMarkForOneCharacter_andMqttWildcardsLiterally() {
    // the developer guide's subscribe example: a policy that names the filter with its + as written
    PolicyDocument p = policy("""
        {"Statement": [
          {"Effect": "Allow", "Action": "iot:Subscribe",
           "Resource": "arn:aws:iot:us-east-1:123456789012:topicfilter/sensors/+/temperature"},
          {"Effect": "Allow", "Action": "iot:Publish",
           "Resource": "arn:aws:iot:us-east-1:123456789012:topic/room-?/*"}]}""");

    assertThat(decide(List.of(p), "iot:Subscribe", "topicfilter/sensors/+/temperature", "c", null).allowed()).isTrue();
    assertThat(decide(List.of(p), "iot:Subscribe", "topicfilter/sensors/a/temperature", "c", null).allowed()).isFalse();
    assertThat(decide(List.of(p), "iot:Publish", "topic/room-1/a/b", "c", null).allowed()).isTrue();
    assertThat(decide(List.of(p), "iot:Publish", "topic/room-12/a", "c", null).allowed()).isFalse();
  }

  @Test
  void aVariablesValue_shouldBeTakenLiterally_neverAsAWildcard() {
    PolicyDocument p = policy("""
        {"Statement": {"Effect": "Allow", "Action": "iot:Publish",
         "Resource": "arn:aws:iot:us-east-1:123456789012:topic/clients/${iot:ClientId}/data"}}""");

    assertThat(decide(List.of(p), "iot:Publish", "topic/clients/c-1/data", "c-1", null).allowed()).isTrue();
    assertThat(decide(List.of(p), "iot:Publish", "topic/clients/c-2/data", "*", null).allowed()).isFalse();
  }

  @Test
  void conditions_shouldCompareThePolicyVariables() {
    PolicyDocument p = policy("""
        {"Statement": {"Effect": "Allow", "Action": "iot:Connect", "Resource": "*",
         "Condition": {"StringLike": {"iot:ClientId": ["sensor-*", "probe-?"]},
                       "StringNotEquals": {"iot:Connection.Thing.ThingName": "retired"}}}}""");

    assertThat(decide(List.of(p), "iot:Connect", "client/sensor-9", "sensor-9", null).allowed())
        .as("a missing key satisfies a negated operator").isTrue();
    assertThat(decide(List.of(p), "iot:Connect", "client/probe-1", "probe-1", "probe-1").allowed()).isTrue();
    assertThat(decide(List.of(p), "iot:Connect", "client/probe-12", "probe-12", "probe-12").allowed()).isFalse();
    assertThat(decide(List.of(p), "iot:Connect", "client/sensor-1", "sensor-1", "retired").allowed()).isFalse();

    PolicyDocument exact = policy("""
        {"Statement": {"Effect": "Allow", "Action": "iot:Connect", "Resource": "*",
         "Condition": {"StringEquals": {"iot:ClientId": "${iot:Connection.Thing.ThingName}"}}}}""");
    assertThat(decide(List.of(exact), "iot:Connect", "client/a", "a", "a").allowed()).isTrue();
    assertThat(decide(List.of(exact), "iot:Connect", "client/a", "a", "b").allowed()).isFalse();
    assertThat(decide(List.of(exact), "iot:Connect", "client/a*", "a*", "ab").allowed())
        .as("StringEquals takes no wildcards").isFalse();
  }

  @Test
  void constructsTheLocalBrokerCannotEvaluate_shouldBeRefusedWhenRead_namingThem() {
    assertThatThrownBy(() -> policy("""
        {"Statement": {"Effect": "Allow", "NotAction": "iot:Connect", "Resource": "*"}}"""))
        .hasMessageContaining("NotAction is not supported");
    assertThatThrownBy(() -> policy("""
        {"Statement": {"Effect": "Allow", "Action": "iot:Connect", "Resource": "*",
         "Condition": {"ForAnyValue:StringLike": {"iot:ClientId": "a*"}}}}"""))
        .hasMessageContaining("ForAnyValue:StringLike is not supported");
    assertThatThrownBy(() -> policy("""
        {"Statement": {"Effect": "Allow", "Action": "iot:Publish",
         "Resource": "arn:aws:iot:us-east-1:123456789012:topic/${iot:Connection.Thing.Attributes[site]}/*"}}"""))
        .hasMessageContaining("${iot:Connection.Thing.Attributes[site]} is not supported");
    assertThatThrownBy(() -> policy("""
        {"Statement": {"Effect": "Maybe", "Action": "iot:Publish", "Resource": "*"}}"""))
        .hasMessageContaining("Effect must be Allow or Deny");
    assertThatThrownBy(() -> policy("""
        {"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"""))
        .hasMessageContaining("s3:GetObject is not an IoT action");
  }
}
