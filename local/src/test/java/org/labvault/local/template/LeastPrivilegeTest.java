package org.labvault.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every policy template.yaml writes stays least privilege: the functions' policies, the roles and
 * managed policies, and the resource policies (buckets, queues, topics, keys, IoT). An Allow names
 * no {@code *} action and no whole service ({@code s3:*}), grants nothing through NotAction or
 * NotResource, and names {@code *} as its resource only where AWS leaves no narrower choice.
 */
class LeastPrivilegeTest {

  /**
   * Actions that IAM's service authorization reference lists without any resource type: a
   * statement can grant them only on {@code "*"}. Each with what makes it so.
   */
  static final Map<String, String> ACTIONS_WITHOUT_RESOURCE_TYPES = Map.of(
      "iot:CreateCertificateFromCsr", "IoT Core issues a new certificate from a CSR: no certificate exists yet to name",
      "iot:DescribeEndpoint", "it answers the account's own IoT endpoint, which is no resource of its own");

  /** AWS managed policies a role of the template may carry, each with why. */
  static final Map<String, String> AWS_MANAGED_POLICIES = Map.of(
      "service-role/AWSLambdaBasicExecutionRole",
      "the logging policy SAM attaches to every function role it generates; a declared role takes the same",
      "AWSXRayDaemonWriteAccess",
      "what SAM attaches for Tracing: Active; X-Ray's trace and sampling actions have no resource type");

  /** SAM policy templates scoped by their parameter (one table, bucket, queue or topic). */
  static final Set<String> SCOPED_POLICY_TEMPLATES = Set.of(
      "DynamoDBReadPolicy", "DynamoDBCrudPolicy", "DynamoDBWritePolicy", "DynamoDBStreamReadPolicy",
      "S3ReadPolicy", "S3WritePolicy", "SNSPublishMessagePolicy", "SQSPollerPolicy", "SQSSendMessagePolicy");

  /** Resource types with a resource policy, and the property that holds it. */
  private static final Map<String, String> RESOURCE_POLICIES = Map.of(
      "AWS::S3::BucketPolicy", "PolicyDocument",
      "AWS::SQS::QueuePolicy", "PolicyDocument",
      "AWS::SNS::TopicPolicy", "PolicyDocument",
      "AWS::IoT::Policy", "PolicyDocument",
      "AWS::KMS::Key", "KeyPolicy");

  /** In a key policy {@code "Resource": "*"} is the key itself, the only value KMS accepts there. */
  private static final String KEY = "AWS::KMS::Key";

  @TempDir Path dir;

  @Test
  void everyPolicyOfTheTemplateIsLeastPrivilege() {
    Path root = Path.of(System.getProperty("labvault.root", ".."));
    Template template = Template.load(root.resolve("template.yaml"));

    assertThat(violations(template)).isEmpty();
    // the walk reached the policies it is meant to check, of every kind the template has
    assertThat(checkedDocuments(template)).contains(
        "AuditWriterPolicy", "AuditDigestRole", "InstrumentsFunction", "InstrumentPolicy", "AuditDigestKey",
        "DataBucketPolicy", "SampleElnQueuePolicy");
  }

  @Test
  void aPlantedWideGrant_isFoundWhereverItIs() throws IOException {
    Template template = template("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Policies:
                - AmazonS3FullAccess
                - DynamoDBCrudPolicy: {TableName: "*"}
                - LambdaInvokePolicy: {FunctionName: Other}
                - Statement:
                    - {Effect: Allow, Action: "*", Resource: !GetAtt Table.Arn}
                    - {Effect: Allow, Action: ["s3:GetObject", "dynamodb:Get*"], Resource: !Sub "${Bucket.Arn}/*"}
                    - {Effect: Allow, Action: sqs:SendMessage, Resource: "*"}
                    - {Effect: Allow, NotAction: iam:PassRole, Resource: !GetAtt Table.Arn}
                    - {Effect: Deny, Action: "*", Resource: "*"}
          Managed:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement: [{Effect: Allow, Action: "s3:*", Resource: !Sub "${Bucket.Arn}/*"}]
          Role:
            Type: AWS::IAM::Role
            Properties:
              ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"]
              Policies:
                - PolicyName: Inline
                  PolicyDocument:
                    Statement: [{Effect: Allow, Action: kms:Sign, NotResource: !GetAtt Key.Arn}]
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Statement:
                  - {Effect: Allow, Principal: {AWS: "*"}, Action: kms:Sign, Resource: "*"}
                  - {Effect: Allow, Principal: {AWS: !Ref Account}, Action: "kms:*", Resource: "*"}
          Things:
            Type: AWS::IoT::Policy
            Properties:
              PolicyDocument:
                Statement: [{Effect: Allow, Action: iot:Connect, Resource: "*"}]
          Odd:
            Type: AWS::Some::NewThing
            Properties:
              PolicyDocument: {Statement: []}
        """);

    assertThat(violations(template)).containsExactlyInAnyOrder(
        "Fn: AWS managed policy AmazonS3FullAccess is not among those allowed",
        "Fn: DynamoDBCrudPolicy names its resource with a wildcard",
        "Fn: policy template LambdaInvokePolicy is not one scoped to a resource",
        "Fn: Allow grants action *",
        "Fn: Allow grants action dynamodb:Get*",
        "Fn: Allow grants sqs:SendMessage on every resource",
        "Fn: Allow uses NotAction",
        "Managed: Allow grants action s3:*",
        "Role: AWS managed policy AdministratorAccess is not among those allowed",
        "Role: Allow uses NotResource",
        "Key: Allow grants to every principal",
        "Key: Allow grants action kms:*",
        "Things: Allow grants iot:Connect on every resource",
        "Odd: AWS::Some::NewThing holds a policy this test does not check");
  }

  @Test
  void theAllowedWildcards_areAcceptedOnlyAsListed() throws IOException {
    Template template = template("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Policies:
                - !Ref Managed
                - SQSPollerPolicy: {QueueName: !GetAtt Queue.QueueName}
                - Statement:
                    - {Effect: Allow, Action: [iot:CreateCertificateFromCsr, iot:DescribeEndpoint], Resource: "*"}
          FnWithRole:
            Type: AWS::Serverless::Function
            Properties:
              Role: !GetAtt Role.Arn
          Managed:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement: [{Effect: Allow, Action: s3:GetObject, Resource: !Sub "${Bucket.Arn}/assets/*"}]
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
                - !Ref Managed
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Statement:
                  - {Effect: Allow, Principal: {AWS: !GetAtt Role.Arn}, Action: [kms:Sign, "kms:Describe*"], Resource: "*"}
        """);

    assertThat(violations(template)).isEmpty();
  }

  @Test
  void aFunctionWithoutAnyPolicy_orWithPoliciesSamWouldIgnore_isFound() throws IOException {
    Template template = template("""
        Resources:
          Bare:
            Type: AWS::Serverless::Function
            Properties: {Handler: x}
          Both:
            Type: AWS::Serverless::Function
            Properties:
              Role: !GetAtt Role.Arn
              Policies: [SQSPollerPolicy: {QueueName: q}]
          Role:
            Type: AWS::IAM::Role
            Properties: {}
        """);

    assertThat(violations(template)).containsExactlyInAnyOrder(
        "Bare: no policies",
        "Both: has a role, so SAM would ignore its Policies",
        "Role: no policies");
  }

  private Template template(String yaml) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, yaml);
    return Template.load(file);
  }

  /** What grants more than it should, as "logical id: what". */
  static List<String> violations(Template template) {
    return new Walk(template).run().violations;
  }

  private static List<String> checkedDocuments(Template template) {
    return new Walk(template).run().checked;
  }

  /** One pass over the template's resources, collecting violations and what it checked. */
  private static final class Walk {
    private final Map<String, Map<String, Object>> resources;
    final List<String> violations = new ArrayList<>();
    final List<String> checked = new ArrayList<>();

    Walk(Template template) {
      this.resources = template.resources();
    }

    Walk run() {
      resources.forEach((id, resource) -> {
        String type = String.valueOf(resource.get("Type"));
        Map<String, Object> props = Template.map(resource.get("Properties"));
        switch (type) {
          case "AWS::Serverless::Function" -> function(id, props);
          case "AWS::IAM::Role" -> role(id, props);
          case "AWS::IAM::ManagedPolicy" -> document(id, props.get("PolicyDocument"), false, false);
          default -> {
            if (RESOURCE_POLICIES.containsKey(type)) {
              document(id, props.get(RESOURCE_POLICIES.get(type)), true, type.equals(KEY));
            } else if (props.containsKey("PolicyDocument") || props.containsKey("KeyPolicy")) {
              violations.add(id + ": " + type + " holds a policy this test does not check");
            }
          }
        }
      });
      return this;
    }

    private void function(String id, Map<String, Object> props) {
      List<?> policies = asList(props.get("Policies"));
      if (props.containsKey("Role")) {
        // the role is a resource of its own, checked as one
        if (!policies.isEmpty()) {
          violations.add(id + ": has a role, so SAM would ignore its Policies");
        }
        return;
      }
      if (policies.isEmpty()) {
        violations.add(id + ": no policies");
      }
      for (Object policy : policies) {
        if (policy instanceof String name) {
          managed(id, name);
        } else if (Template.map(policy).containsKey("Ref")) {
          templatePolicy(id, Template.map(policy).get("Ref"));
        } else if (Template.map(policy).containsKey("Statement")) {
          document(id, policy, false, false);
        } else {
          samPolicyTemplates(id, Template.map(policy));
        }
      }
    }

    private void role(String id, Map<String, Object> props) {
      List<?> managed = asList(props.get("ManagedPolicyArns"));
      List<?> inline = asList(props.get("Policies"));
      if (managed.isEmpty() && inline.isEmpty()) {
        violations.add(id + ": no policies");
      }
      for (Object arn : managed) {
        Map<String, Object> intrinsic = Template.map(arn);
        if (intrinsic.containsKey("Ref")) {
          templatePolicy(id, intrinsic.get("Ref"));
        } else {
          managed(id, literal(arn));
        }
      }
      for (Object policy : inline) {
        document(id, Template.map(policy).get("PolicyDocument"), false, false);
      }
      // who may assume the role: named services only, never everyone
      if (props.containsKey("AssumeRolePolicyDocument")) {
        document(id, props.get("AssumeRolePolicyDocument"), true, false);
      }
    }

    /** An AWS managed policy, by name or ARN. */
    private void managed(String id, String nameOrArn) {
      String name = nameOrArn.replaceFirst("^arn:.*?:iam::aws:policy/", "");
      if (!AWS_MANAGED_POLICIES.containsKey(name)) {
        violations.add(id + ": AWS managed policy " + name + " is not among those allowed");
      }
    }

    /** A {@code !Ref} to a managed policy: one of this template's, checked on its own. */
    private void templatePolicy(String id, Object ref) {
      Map<String, Object> target = resources.get(String.valueOf(ref));
      if (target == null || !"AWS::IAM::ManagedPolicy".equals(target.get("Type"))) {
        violations.add(id + ": policy " + ref + " is not a managed policy of this template");
      }
    }

    private void samPolicyTemplates(String id, Map<String, Object> templates) {
      templates.forEach((name, parameters) -> {
        if (!SCOPED_POLICY_TEMPLATES.contains(name)) {
          violations.add(id + ": policy template " + name + " is not one scoped to a resource");
        } else if (Template.map(parameters).values().stream().map(Walk::literal).anyMatch(v -> v.contains("*"))) {
          violations.add(id + ": " + name + " names its resource with a wildcard");
        }
      });
    }

    /**
     * One policy document. An identity policy's actions carry no wildcard at all; a resource
     * policy's may name a family ({@code kms:Describe*}), never everything or a whole service.
     */
    private void document(String id, Object document, boolean resourcePolicy, boolean keyPolicy) {
      checked.add(id);
      for (Object s : asList(Template.map(document).get("Statement"))) {
        Map<String, Object> statement = Template.map(s);
        if (!"Allow".equals(statement.get("Effect"))) {
          continue; // a Deny only ever narrows
        }
        for (String key : List.of("NotAction", "NotResource", "NotPrincipal")) {
          if (statement.containsKey(key)) {
            violations.add(id + ": Allow uses " + key);
          }
        }
        Object principal = statement.get("Principal");
        if ("*".equals(literal(principal)) || "*".equals(literal(Template.map(principal).get("AWS")))) {
          violations.add(id + ": Allow grants to every principal");
        }
        List<String> actions = asList(statement.get("Action")).stream().map(Walk::literal).toList();
        for (String action : actions) {
          boolean tooWide = resourcePolicy ? action.equals("*") || action.endsWith(":*") : action.contains("*");
          if (tooWide) {
            violations.add(id + ": Allow grants action " + action);
          }
        }
        boolean everyResource = asList(statement.get("Resource")).stream().map(Walk::literal).anyMatch("*"::equals);
        if (everyResource && !keyPolicy) {
          actions.stream().filter(a -> !ACTIONS_WITHOUT_RESOURCE_TYPES.containsKey(a))
              .forEach(a -> violations.add(id + ": Allow grants " + a + " on every resource"));
        }
      }
    }

    /** A plain string, or the text of a {@code !Sub} without variables; anything else as written. */
    private static String literal(Object value) {
      if (value instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String text) {
        return text;
      }
      return String.valueOf(value);
    }

    private static List<?> asList(Object value) {
      return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    }
  }
}
