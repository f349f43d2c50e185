package org.labvault.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.iot.policy.PolicyEvaluator;
import org.labvault.local.iot.policy.Variables;

/** IoT policies and rules as the stack reads them from a template. */
class IotTemplateTest {

  @TempDir Path dir;

  private StackModel model(String yaml) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, yaml);
    return StackModel.build(Template.load(file), "eu-west-1", "111122223333", "lv");
  }

  private static StackModel realTemplate() {
    Path root = Path.of(System.getProperty("labvault.root", ".."));
    return StackModel.build(Template.load(root.resolve("template.yaml")), "us-east-1", "000000000000", "labvault-local");
  }

  @Test
  void theTemplatesInstrumentPolicy_shouldKeepItsPolicyVariables_andBindAThingToItsOwnTopics() {
    Model.IotPolicy policy = realTemplate().iotPolicies().get("InstrumentPolicy");

    assertThat(policy.policyName()).isEqualTo("labvault-dev-instrument");
    assertThat(policy.arn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:policy/labvault-dev-instrument");
    assertThat(policy.document().statements().get(0).resources().get(0).toString())
        .isEqualTo("arn:aws:iot:us-east-1:000000000000:client/${iot:Connection.Thing.ThingName}");
    var own = new PolicyEvaluator.Request("iot:Publish",
        "arn:aws:iot:us-east-1:000000000000:topic/labvault/instruments/i-1/upload-requests", Variables.of("i-1", "i-1"));
    var other = new PolicyEvaluator.Request("iot:Publish",
        "arn:aws:iot:us-east-1:000000000000:topic/labvault/instruments/i-2/upload-requests", Variables.of("i-1", "i-1"));
    assertThat(PolicyEvaluator.decide(java.util.List.of(policy.document()), own).allowed()).isTrue();
    assertThat(PolicyEvaluator.decide(java.util.List.of(policy.document()), other).allowed()).isFalse();
  }

  @Test
  void theTemplatesIngestRule_shouldBeReadForItsFunction() {
    assertThat(realTemplate().iotRules()).singleElement().satisfies(rule -> {
      assertThat(rule.functionLogicalId()).isEqualTo("InstrumentIngestFunction");
      assertThat(rule.sql()).contains("FROM 'labvault/instruments/+/upload-requests'");
      assertThat(rule.awsIotSqlVersion()).isEqualTo("2016-03-23");
    });
  }

  @Test
  void aPolicy_shouldAnswerRefAndGetAtt_withAGeneratedNameWhenItHasNone() throws IOException {
    StackModel m = model("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Devices:
            Type: AWS::IoT::Policy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement: [{Effect: Allow, Action: "iot:*", Resource: "*"}]
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Handler::handleRequest
              Runtime: java21
              Environment:
                Variables:
                  POLICY: !Ref Devices
                  POLICY_ARN: !GetAtt Devices.Arn
        """);

    assertThat(m.functions().get("Fn").environment())
        .containsEntry("POLICY", "lv-Devices")
        .containsEntry("POLICY_ARN", "arn:aws:iot:eu-west-1:111122223333:policy/lv-Devices");
  }

  @Test
  void whatTheStackCannotRun_shouldBeAnErrorAtStart_namingThePolicyOrRule() {
    TemplateException e = catchThrowableOfType(TemplateException.class, () -> model("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Devices:
            Type: AWS::IoT::Policy
            Properties:
              PolicyName: devices
              Unknown: 1
              PolicyDocument:
                Statement: [{Effect: Allow, NotAction: "iot:Connect", Resource: "*"}]
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Handler::handleRequest
              Runtime: java21
              Events:
                Readings:
                  Type: IoTRule
                  Properties:
                    Sql: SELECT *, principal() AS who FROM 'lab/+/readings'
                    AwsIotSqlVersion: "2016-03-23"
        """));

    assertThat(e.problems()).contains(
        "Devices: property Unknown is not supported by the local stack",
        "Devices.PolicyDocument: Statement[0]: NotAction is not supported by the local stack",
        "Fn.Events.Readings (the IoT rule FnReadings): the function principal() is not supported by the local stack"
            + " (topic(), topic(n), clientid(), timestamp())");
  }
}
