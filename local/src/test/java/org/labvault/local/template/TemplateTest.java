package org.labvault.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labvault.local.lambda.LambdaEnvironment;
import org.labvault.shared.testing.ApiEvent;
import org.labvault.shared.testing.FakeContext;

/** template.yaml, read as the local stack reads it, checked for what AWS will not check for us. */
class TemplateTest {

  /** A port nothing listens on: handlers are built and called without reaching any engine. */
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

  private static Template template;
  private static StackModel model;

  @BeforeAll
  static void load() {
    Path root = Path.of(System.getProperty("labvault.root", ".."));
    template = Template.load(root.resolve("template.yaml"));
    model = StackModel.build(template, "us-east-1", "000000000000", "labvault-test");
  }

  private static Map<String, Object> props(String logicalId) {
    return Template.map(template.resources().get(logicalId).get("Properties"));
  }

  private static Map<String, String> environmentOf(Model.Function fn) {
    return LambdaEnvironment.of(fn, "us-east-1", "AKIDTEST", "secret", NOWHERE, NOWHERE);
  }

  private static Object handlerOf(Model.Function fn, Map<String, String> env) throws Exception {
    return Class.forName(fn.handlerClass()).getConstructor(Map.class).newInstance(env);
  }

  @Test
  void everyHandlerClassExistsWithTheInterfaceAndConstructorsItNeeds() throws Exception {
    assertThat(model.functions()).isNotEmpty();
    for (Model.Function fn : model.functions().values()) {
      Class<?> handler = Class.forName(fn.handlerClass());
      assertThat(RequestHandler.class.isAssignableFrom(handler) || RequestStreamHandler.class.isAssignableFrom(handler))
          .as(fn.logicalId() + " implements a Lambda handler interface").isTrue();
      assertThat(fn.handlerMethod()).isEqualTo("handleRequest");
      assertThat(handler.getConstructor()).as("Lambda's no-argument constructor").isNotNull();
      assertThat(handler.getConstructor(Map.class)).as("the environment constructor").isNotNull();
    }
  }

  /** Counts every variable a function asks its environment for. */
  static final class RecordingEnvironment extends AbstractMap<String, String> {
    private final Map<String, String> values;
    final Set<String> asked = ConcurrentHashMap.newKeySet();

    RecordingEnvironment(Map<String, String> values) {
      this.values = values;
    }

    @Override
    public String get(Object key) {
      asked.add(String.valueOf(key));
      return values.get(key);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return values.entrySet();
    }
  }

  @Test
  void everyVariableAFunctionReadsIsDeclaredForIt() throws Exception {
    for (Model.Function fn : model.functions().values()) {
      var env = new RecordingEnvironment(environmentOf(fn));
      handlerOf(fn, env);
      Set<String> allowed = new HashSet<>(fn.environment().keySet());
      allowed.addAll(LambdaEnvironment.RESERVED);
      allowed.addAll(LambdaEnvironment.ENDPOINTS);
      allowed.add("AWS_ENDPOINT_URL");
      assertThat(env.asked).as(fn.logicalId() + " reads only what it declares").isSubsetOf(allowed);
      assertThat(env.asked).as(fn.logicalId() + " reads its configuration").isNotEmpty();
    }
  }

  @Test
  void everyRouteOfTheTemplateIsServedByItsFunction() throws Exception {
    for (Model.Function fn : model.functions().values()) {
      var routes = fn.events().stream()
          .filter(EventSource.HttpRoute.class::isInstance).map(EventSource.HttpRoute.class::cast).toList();
      if (routes.isEmpty()) {
        continue; // invoked by events, not by the API
      }
      Object handler = handlerOf(fn, environmentOf(fn));
      for (EventSource.HttpRoute route : routes) {
        var res = callRoute(handler, ApiEvent.route(route.routeKey()).build());
        assertThat(res.getBody() == null ? "" : res.getBody())
            .as(route.routeKey() + " is known to " + fn.logicalId())
            .doesNotContain("no such route");
      }
    }
  }

  /**
   * Calls a route as Lambda would: as the HTTP API's event object, or, for a handler that also serves
   * a schedule and so takes any JSON object, as that object.
   */
  @SuppressWarnings("unchecked")
  private static APIGatewayV2HTTPResponse callRoute(Object handler, APIGatewayV2HTTPEvent event) {
    boolean takesAnyObject = java.util.Arrays.stream(handler.getClass().getMethods())
        .anyMatch(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && m.getParameterTypes()[0] == Map.class);
    if (takesAnyObject) {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      Object out = ((RequestHandler<Map<String, Object>, Object>) handler).handleRequest(mapper.convertValue(event, Map.class),
          new FakeContext());
      return (APIGatewayV2HTTPResponse) out;
    }
    return ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler).handleRequest(event, new FakeContext());
  }

  @Test
  void everyRouteIsOnTheCognitoProtectedApi_andOnlyHealthIsPublic() {
    assertThat(model.routes()).isNotEmpty();
    for (EventSource.HttpRoute route : model.routes()) {
      assertThat(route.apiLogicalId()).as(route.routeKey()).isEqualTo("HttpApi");
      boolean isPublic = model.authorizerOf(route) == null;
      assertThat(isPublic).as(route.routeKey() + " public").isEqualTo(route.routeKey().equals("GET /health"));
    }
  }

  @Test
  void onlyTheDigestFunctionsRoleMaySignWithTheAuditDigestKey() {
    var statements = asList(Template.map(props("AuditDigestKey").get("KeyPolicy")).get("Statement"));
    var signers = statements.stream().map(Template::map).filter(st -> "Allow".equals(st.get("Effect")))
        .filter(st -> asList(st.get("Action")).stream().map(String::valueOf)
            .anyMatch(a -> a.equals("kms:Sign") || a.equals("kms:CreateGrant") || a.endsWith("*") && "kms:Sign".startsWith(a.replace("*", ""))
                || a.endsWith("*") && "kms:CreateGrant".startsWith(a.replace("*", ""))))
        .toList();
    assertThat(signers).hasSize(1);
    assertThat(asList(signers.getFirst().get("Action")).stream().map(String::valueOf).toList()).containsExactly("kms:Sign");
    // and a Deny keeps everybody else from signing or granting, whatever is allowed elsewhere
    var denied = statements.stream().map(Template::map).filter(st -> "Deny".equals(st.get("Effect"))).toList();
    assertThat(denied).anySatisfy(st -> {
      assertThat(asList(st.get("Action")).stream().map(String::valueOf).toList()).contains("kms:Sign");
      assertThat(String.valueOf(st.get("Condition"))).contains("ArnNotEquals").contains("AuditDigestRole");
    });
    assertThat(denied).anySatisfy(st -> {
      assertThat(asList(st.get("Action")).stream().map(String::valueOf).toList()).containsExactly("kms:CreateGrant");
      assertThat(st.get("Condition")).isNull();
    });
    assertThat(String.valueOf(Template.map(signers.getFirst().get("Principal")).get("AWS"))).contains("AuditDigestRole");
    assertThat(props("AuditDigestFunction").get("Role")).asString().contains("AuditDigestRole");
    assertThat(model.functions().get("AuditDigestFunction").environment()).containsKey("AUDIT_DIGEST_KEY_ID");
    assertThat(model.functions().get("AuditOpsFunction").environment()).containsKey("AUDIT_DIGEST_KEY_ID");
  }

  /** Every S3 action a function is allowed, with the resources it is allowed on (resolved). */
  private static Map<String, List<String>> s3Grants(Model.Function fn) {
    Map<String, List<String>> grants = new java.util.TreeMap<>();
    for (Object policy : fn.policies()) {
      for (Object s : asList(Template.map(policy).get("Statement"))) {
        Map<String, Object> statement = Template.map(s);
        for (Object action : asList(statement.get("Action"))) {
          if (String.valueOf(action).startsWith("s3:") && "Allow".equals(statement.get("Effect"))) {
            grants.computeIfAbsent(String.valueOf(action), a -> new ArrayList<>())
                .addAll(asList(statement.get("Resource")).stream().map(String::valueOf).toList());
          }
        }
      }
    }
    return grants;
  }

  @Test
  void theAssetFunctionsMayTouchOnlyObjectsUnderTheAssetPrefix_andOnlyAsTheyNeed() {
    String objects = "arn:aws:s3:::" + model.buckets().get("DataBucket").bucketName() + "/assets/*";
    var assets = s3Grants(model.functions().get("AssetsFunction"));
    assertThat(assets).containsOnlyKeys("s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject", "s3:GetObjectVersion");
    var uploads = s3Grants(model.functions().get("UploadEventsFunction"));
    assertThat(uploads).containsOnlyKeys("s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject", "s3:DeleteObjectVersion");
    for (var grants : List.of(assets, uploads)) {
      grants.values().forEach(resources -> assertThat(resources).containsOnly(objects));
    }
    // the functions name the bucket without a Ref: its notifications invoke UploadEvents
    assertThat(model.functions().get("UploadEventsFunction").environment())
        .containsEntry("DATA_BUCKET", model.buckets().get("DataBucket").bucketName());
    assertThat(model.notifications()).extracting(EventSource.S3Notification::functionLogicalId,
        EventSource.S3Notification::bucketLogicalId, EventSource.S3Notification::prefix).containsExactly(org.assertj.core.groups.Tuple.tuple("UploadEventsFunction", "DataBucket", "assets/"));
  }

  @Test
  void everyFunctionHasItsOwnLogGroupWithRetention_andNoFixedName() {
    for (String fn : model.functions().keySet()) {
      assertThat(props(fn)).as(fn).doesNotContainKey("FunctionName");
      var logGroup = template.resources().entrySet().stream()
          .filter(e -> "AWS::Logs::LogGroup".equals(e.getValue().get("Type")))
          .map(e -> Template.map(e.getValue().get("Properties")))
          .filter(p -> Map.of("Fn::Sub", "/aws/lambda/${" + fn + "}").equals(p.get("LogGroupName")))
          .findFirst();
      assertThat(logGroup).as(fn + " log group").isPresent();
      assertThat(logGroup.get()).as(fn + " retention").containsKey("RetentionInDays");
    }
  }

  @Test
  void globalsSetTheRuntimeArchitectureAndJsonLogs() {
    Map<String, Object> globals = Template.map(template.section("Globals").get("Function"));
    assertThat(globals).containsEntry("Runtime", "java21").containsEntry("Architectures", List.of("arm64"))
        .containsKeys("MemorySize", "Timeout");
    assertThat(Template.map(globals.get("LoggingConfig"))).containsEntry("LogFormat", "JSON");
  }

  @Test
  void everyTableIsOnDemandWithRecoveryAndEncryptionAndTheDataTableHasItsStream() {
    assertThat(props("DataTable")).containsKey("StreamSpecification");
    for (String id : model.tables().keySet()) {
      var p = props(id);
      assertThat(p).containsEntry("BillingMode", "PAY_PER_REQUEST");
      assertThat(Template.map(p.get("PointInTimeRecoverySpecification"))).containsEntry("PointInTimeRecoveryEnabled", true);
      assertThat(Template.map(p.get("SSESpecification"))).containsEntry("SSEEnabled", true);
    }
  }

  @Test
  void everyBucketIsVersionedEncryptedPrivateAndGuardedByPolicy() {
    assertThat(model.buckets()).containsKeys("DataBucket", "BackupBucket", "TrailBucket");
    for (var bucket : model.buckets().values()) {
      assertThat(bucket.versioned()).as(bucket.logicalId()).isTrue();
      assertThat(bucket.defaultEncryption()).as(bucket.logicalId()).isTrue();
      // every object is AES256 by default encryption; a put may not ask for another (IfExists keeps
      // multipart uploads working: UploadPart carries no SSE header)
      // (the trail's bucket only by default encryption: CloudTrail's writes name none, and its policy is AWS-side)
      assertThat(bucket.sseRule()).as(bucket.logicalId() + " denies other encryption")
          .isEqualTo(bucket.logicalId().equals("TrailBucket") ? Model.SseRule.NONE : Model.SseRule.AES256_IF_GIVEN);
      assertThat(Template.map(props(bucket.logicalId()).get("PublicAccessBlockConfiguration")))
          .as(bucket.logicalId()).containsEntry("BlockPublicAcls", true).containsEntry("BlockPublicPolicy", true)
          .containsEntry("IgnorePublicAcls", true).containsEntry("RestrictPublicBuckets", true);
      // and the local S3 server enforces all of it, with ACLs disabled
      assertThat(bucket.access()).as(bucket.logicalId()).isEqualTo(new Model.BucketAccess(true, true, true, true, true));
      boolean tlsOnly = template.resources().values().stream()
          .filter(r -> "AWS::S3::BucketPolicy".equals(r.get("Type")))
          .map(r -> Template.map(r.get("Properties")))
          .filter(p -> Map.of("Ref", bucket.logicalId()).equals(p.get("Bucket")))
          .flatMap(p -> ((List<?>) Template.map(p.get("PolicyDocument")).get("Statement")).stream())
          .map(Template::map)
          .anyMatch(s -> "Deny".equals(s.get("Effect"))
              && "false".equals(Template.map(Template.map(s.get("Condition")).get("Bool")).get("aws:SecureTransport")));
      assertThat(tlsOnly).as(bucket.logicalId() + " denies non-TLS access").isTrue();
    }
  }

  @Test
  void theAccountTrailValidatesItsLogFiles_inAnEncryptedTlsOnlyPrivateBucketOnlyItWrites() {
    Map<String, Object> trail = props("AccountTrail");
    assertThat(trail).containsEntry("IsLogging", true).containsEntry("EnableLogFileValidation", true)
        .containsEntry("IncludeGlobalServiceEvents", true).containsEntry("IsMultiRegionTrail", true)
        .containsEntry("S3BucketName", Map.of("Ref", "TrailBucket"));
    Map<String, Object> bucket = props("TrailBucket");
    assertThat(bucket.toString()).contains("SSEAlgorithm=AES256");
    assertThat(Template.map(bucket.get("PublicAccessBlockConfiguration"))).containsEntry("BlockPublicAcls", true)
        .containsEntry("BlockPublicPolicy", true).containsEntry("IgnorePublicAcls", true).containsEntry("RestrictPublicBuckets", true);
    List<Map<String, Object>> statements = ((List<?>) Template.map(props("TrailBucketPolicy").get("PolicyDocument"))
        .get("Statement")).stream().map(Template::map).toList();
    assertThat(statements).anyMatch(s -> "Deny".equals(s.get("Effect"))
        && "false".equals(Template.map(Template.map(s.get("Condition")).get("Bool")).get("aws:SecureTransport")));
    // every Allow is for CloudTrail alone, and only for this stack's trail
    assertThat(statements.stream().filter(s -> "Allow".equals(s.get("Effect")))).isNotEmpty().allSatisfy(s -> {
      assertThat(s.get("Principal")).isEqualTo(Map.of("Service", "cloudtrail.amazonaws.com"));
      assertThat(s.get("Condition").toString()).contains("aws:SourceArn").contains("trail/labvault-${Stage}-management");
    });
    assertThat(model.awsSide()).containsKeys("AccountTrail", "TrailBucketPolicy").doesNotContainKey("TrailBucket");
    assertThat(model.physicalNames()).containsKey("TrailBucket");
  }

  @Test
  void everyFunctionServingAListSignsPageTokensWithTheGeneratedSecret() {
    var listing = model.routes().stream()
        // GET of a collection, not of one item or the one latest report
        .filter(r -> r.method().equals("GET") && !r.path().endsWith("}") && !r.path().endsWith("/latest"))
        .map(r -> r.functionLogicalId())
        .collect(java.util.stream.Collectors.toSet());
    assertThat(listing).contains("OpsFunction", "GroupsFunction", "AssetsFunction");
    var secret = Template.map(props("PageTokenSecret").get("GenerateSecretString"));
    assertThat(Integer.parseInt(String.valueOf(secret.get("PasswordLength")))).isGreaterThanOrEqualTo(32);
    Set<String> values = new HashSet<>();
    for (String fn : listing) {
      // a dynamic reference, resolved by CloudFormation: never a literal key in the template
      var declared = Template.map(Template.map(props(fn).get("Environment")).get("Variables")).get("PAGE_TOKEN_KEY");
      assertThat(String.valueOf(Template.map(declared).get("Fn::Sub")))
          .as(fn).isEqualTo("{{resolve:secretsmanager:${PageTokenSecret}:SecretString}}");
      values.add(model.functions().get(fn).environment().get("PAGE_TOKEN_KEY"));
    }
    assertThat(values).hasSize(1);
    assertThat(values.iterator().next()).matches("[A-Za-z0-9]{64}");
  }

  /** The alarms of the template that watch {@code metric} of {@code namespace}, by what their dimension names. */
  private static Set<Object> watched(String namespace, String metric, String dimension) {
    Set<Object> out = new HashSet<>();
    template.resources().forEach((id, def) -> {
      if (!"AWS::CloudWatch::Alarm".equals(def.get("Type"))) {
        return;
      }
      Map<String, Object> p = Template.map(def.get("Properties"));
      if (!namespace.equals(p.get("Namespace")) || !metric.equals(p.get("MetricName"))) {
        return;
      }
      assertThat(String.valueOf(p.get("AlarmActions"))).as(id + " tells operators").contains("AlarmsTopic");
      for (Object d : (List<?>) p.get("Dimensions")) {
        Map<String, Object> dim = Template.map(d);
        if (dimension.equals(dim.get("Name"))) {
          Object v = Template.map(dim.get("Value"));
          out.add(Template.map(v).containsKey("Ref") ? Template.map(v).get("Ref")
              : String.valueOf(((List<?>) Template.map(v).get("Fn::GetAtt")).getFirst()));
        }
      }
    });
    return out;
  }

  @Test
  void everyFunctionHasAnErrorsAndAThrottlesAlarm_toTheAlarmsTopic() {
    var functions = template.resources().entrySet().stream()
        .filter(e -> "AWS::Serverless::Function".equals(e.getValue().get("Type"))).map(Map.Entry::getKey).toList();
    assertThat(functions).contains("AuditMonitorFunction", "AlarmOpsFunction");
    assertThat(watched("AWS/Lambda", "Errors", "FunctionName")).containsAll(functions);
    assertThat(watched("AWS/Lambda", "Throttles", "FunctionName")).containsAll(functions);
  }

  @Test
  void everyTopicAnAlarmActsOn_isOneCloudWatchMayPublishTo() {
    // SNS's AWS-managed key (alias/aws/sns) has a fixed key policy without CloudWatch: an alarm
    // acting on a topic encrypted with it fails to publish
    Set<Object> topics = new HashSet<>();
    template.resources().values().stream().filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type")))
        .forEach(r -> topics.addAll((List<?>) Template.map(r.get("Properties")).getOrDefault("AlarmActions", List.of())));
    assertThat(topics).containsExactly(Map.of("Ref", "AlarmsTopic"));
    assertThat(String.valueOf(props("AlarmsTopic").get("KmsMasterKeyId"))).doesNotContain("alias/aws/sns");
  }

  @Test
  void everyDeadLetterAndOnFailureQueueHasADepthAlarm_toTheAlarmsTopic() {
    Set<String> queues = new HashSet<>();
    // stream and async on-failure destinations, and SQS redrive targets, wherever they are declared
    java.util.regex.Pattern destination = java.util.regex.Pattern.compile(
        "(?:Destination|deadLetterTargetArn)=\\{Fn::GetAtt=\\[(\\w+), Arn\\]\\}");
    template.resources().forEach((id, def) -> {
      var m = destination.matcher(String.valueOf(def));
      while (m.find()) {
        queues.add(m.group(1));
      }
    });
    assertThat(queues).contains("FanoutFailuresQueue", "BackupFailuresQueue", "MonitorFailuresQueue",
        "InstrumentIngestFailuresQueue", "SampleElnDeadLetterQueue");
    assertThat(watched("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName")).containsAll(queues);
  }

  @Test
  void theSecurityMetricFiltersReadTheFunctionsOwnLogGroups_andEachMetricHasAnAlarm() {
    Set<Object> metrics = new HashSet<>();
    template.resources().forEach((id, def) -> {
      if ("AWS::Logs::MetricFilter".equals(def.get("Type"))) {
        Map<String, Object> p = Template.map(def.get("Properties"));
        String group = String.valueOf(Template.map(p.get("LogGroupName")).get("Ref"));
        assertThat(template.resources().get(group)).as(id + " reads a log group of the template").isNotNull();
        assertThat(template.resources().get(group).get("Type")).isEqualTo("AWS::Logs::LogGroup");
        assertThat(String.valueOf(p.get("FilterPattern"))).as(id).startsWith("{ $.message = \"");
        metrics.add(Template.map(((List<?>) p.get("MetricTransformations")).getFirst()).get("MetricName"));
      }
    });
    assertThat(metrics).containsExactlyInAnyOrder("Refusals", "OpsAccess", "AdminGrants", "Deletions");
    for (Object metric : metrics) {
      boolean alarmed = template.resources().values().stream().anyMatch(def ->
          "AWS::CloudWatch::Alarm".equals(def.get("Type"))
              && "LabVault/Security".equals(Template.map(def.get("Properties")).get("Namespace"))
              && metric.equals(Template.map(def.get("Properties")).get("MetricName")));
      assertThat(alarmed).as(metric + " has an alarm").isTrue();
    }
  }

  @Test
  void everyResourceBuiltByTheMakefileHasItsTarget() throws Exception {
    Path root = Path.of(System.getProperty("labvault.root", ".."));
    String makefile = java.nio.file.Files.readString(root.resolve("Makefile"));
    var built = template.resources().entrySet().stream()
        .filter(e -> "makefile".equals(Template.map(e.getValue().get("Metadata")).get("BuildMethod")))
        .map(Map.Entry::getKey).toList();
    assertThat(built).contains("InstrumentsFunction", "InstrumentIngestFunction", "SharedLayer");
    for (String id : built) {
      // sam build runs `make build-<LogicalId>`
      assertThat(makefile).as(id).containsPattern("(?m)^build-" + id + ":");
    }
  }

  @Test
  void theIngestRuleTakesTheInstrumentFromTheBrokerAndNamesEveryOtherFieldItself() {
    var rule = model.functions().get("InstrumentIngestFunction").events().stream()
        .filter(EventSource.IotRule.class::isInstance).map(EventSource.IotRule.class::cast).findFirst().orElseThrow();
    String sql = rule.sql().replaceAll("\\s+", " ");
    // no `*`: no payload field can stand in for what the broker verified
    assertThat(sql).doesNotContain("*")
        .contains("topic(3) AS instrumentId").contains("clientid() AS clientId")
        .endsWith("FROM 'labvault/instruments/+/upload-requests'");
  }

  @Test
  void usersCannotWriteTheirOwnTenant() {
    var client = props("UserPoolClient");
    assertThat(asList(client.get("WriteAttributes")).stream().map(String::valueOf).toList()).doesNotContain("custom:tenant");
    var tenant = ((List<?>) props("UserPool").get("Schema")).stream().map(Template::map)
        .filter(a -> "tenant".equals(a.get("Name"))).findFirst().orElseThrow();
    assertThat(tenant).containsEntry("Mutable", false);
  }

  private static List<?> asList(Object value) {
    return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
  }

  @Test
  void theCanaryRunsEvery15MinutesAsItsOwnClient_withOnlyItsResultAndAlarmsToWrite() {
    var canary = model.functions().get("CanaryFunction");
    assertThat(canary.events()).filteredOn(e -> e instanceof EventSource.Schedule)
        .extracting(e -> ((EventSource.Schedule) e).expression()).containsExactly("rate(15 minutes)");
    assertThat(canary.environment()).containsKeys("LABVAULT_API_URL", "TOKEN_URL", "CLIENT_ID", "CLIENT_SECRET");
    assertThat(canary.environment().get("CLIENT_ID")).isEqualTo("canary");
    // it reaches data only through the API: one PutItem grant, on its result and on alarms
    var statements = new ArrayList<Map<String, Object>>();
    for (Object policy : (List<?>) props("CanaryFunction").get("Policies")) {
      for (Object st : (List<?>) Template.map(policy).get("Statement")) {
        statements.add(Template.map(st));
      }
    }
    assertThat(statements).singleElement().satisfies(st -> {
      assertThat(st.get("Action")).isEqualTo("dynamodb:PutItem");
      assertThat(String.valueOf(st.get("Condition"))).contains("[CANARY, ALARMS#*]");
    });
    // only the canary's client may be granted the canary's scope
    for (var resource : template.resources().entrySet()) {
      if ("AWS::Cognito::UserPoolClient".equals(resource.getValue().get("Type"))) {
        var scopes = Template.map(resource.getValue().get("Properties")).get("AllowedOAuthScopes");
        assertThat(String.valueOf(scopes)).as(resource.getKey())
            .matches(resource.getKey().equals("CanaryAppClient") ? "\\[labvault/canary]" : "(?!.*labvault/canary).*");
      }
    }
    assertThat(model.appClients()).containsKey("canary");
    assertThat(model.appClients().get("canary").scopes()).containsExactly("labvault/canary");
  }

  // ---- SnapStart and the published alias

  /** The alias every function publishes and every caller invokes. */
  private static final String ALIAS = "live";

  /** A function's properties as SAM sees them: its own over Globals.Function. */
  private static Map<String, Object> functionProps(String logicalId) {
    return StackModel.merge(Template.map(template.section("Globals").get("Function")), props(logicalId));
  }

  private static Set<String> functionIds() {
    Set<String> ids = new java.util.TreeSet<>();
    template.resources().forEach((id, def) -> {
      if (StackModel.FUNCTION.equals(def.get("Type"))) {
        ids.add(id);
      }
    });
    return ids;
  }

  @Test
  void everyFunctionHasSnapStartOnPublishedVersions_andPublishesTheLiveAlias() {
    assertThat(functionIds()).hasSize(19);
    for (String id : functionIds()) {
      Map<String, Object> p = functionProps(id);
      assertThat(Template.map(p.get("SnapStart")).get("ApplyOn")).as(id + " SnapStart.ApplyOn").isEqualTo("PublishedVersions");
      assertThat(p.get("AutoPublishAlias")).as(id + " AutoPublishAlias").isEqualTo(ALIAS);
      // without it a change of Timeout, Handler or LoggingConfig alone would not reach the alias
      assertThat(p.get("AutoPublishAliasAllProperties")).as(id + " AutoPublishAliasAllProperties").isEqualTo(true);
      // what SnapStart does not combine with
      assertThat(p).as(id).doesNotContainKeys("ProvisionedConcurrencyConfig", "FileSystemConfigs", "PackageType");
      Object storage = Template.map(p.get("EphemeralStorage")).get("Size");
      assertThat(storage == null ? 512 : Integer.parseInt(String.valueOf(storage))).as(id + " EphemeralStorage").isLessThanOrEqualTo(512);
      assertThat(String.valueOf(p.get("Runtime"))).as(id + " runtime").matches("java(2[1-9]|[3-9]\\d)");
    }
    assertThat(model.functions().values()).allSatisfy(fn -> {
      assertThat(fn.alias()).as(fn.logicalId()).isEqualTo(ALIAS);
      assertThat(fn.snapStart()).as(fn.logicalId()).isTrue();
    });
  }

  /**
   * Nothing in the template names a function unqualified, so nothing invokes {@code $LATEST}: SAM
   * points the function's own Events and EventInvokeConfig at the alias, and anything else that
   * invokes a function has to name the alias ({@code !Ref Fn.Alias}). The only references left
   * are those that mean the function as a whole, whatever version runs:
   * <ul>
   *   <li>a CloudWatch alarm's {@code FunctionName} dimension: Lambda's function-level metrics count
   *       the invocations of every version and alias, so they see what callers of the alias do
   *       (and, during a deployment, both versions);</li>
   *   <li>a log group's name: every version of a function logs to {@code /aws/lambda/<name>}.</li>
   * </ul>
   */
  @Test
  void nothingInvokesAFunctionUnqualified_onlyAlarmsAndLogGroupsNameTheFunctionItself() {
    Set<String> functions = functionIds();
    List<String> offending = new ArrayList<>();
    template.resources().forEach((id, def) -> {
      String type = String.valueOf(def.get("Type"));
      functionReferences(def.get("Properties"), id + ".Properties", functions, offending, type, false);
    });
    template.section("Outputs").forEach((id, out) ->
        functionReferences(out, "Outputs." + id, functions, offending, "Output", false));
    assertThat(offending).as("unqualified function references").isEmpty();
  }

  /** The walk above finds what a caller added to the template would name, and lets the alias through. */
  @Test
  void theWalkFindsUnqualifiedCallers_andLetsTheAliasAlarmsAndLogGroupsThrough() {
    Set<String> functions = Set.of("Fn");
    List<String> offending = new ArrayList<>();
    functionReferences(Map.of("FunctionName", Map.of("Ref", "Fn"), "Action", "lambda:InvokeFunction"),
        "Permission", functions, offending, "AWS::Lambda::Permission", false);
    functionReferences(Map.of("Target", Map.of("Arn", Map.of("Fn::GetAtt", List.of("Fn", "Arn")))),
        "Schedule", functions, offending, "AWS::Scheduler::Schedule", false);
    functionReferences(Map.of("Endpoint", Map.of("Fn::Sub", "${Fn.Arn}")),
        "Subscription", functions, offending, "AWS::SNS::Subscription", false);
    functionReferences(Map.of("FunctionName", Map.of("Ref", "Fn"), "Qualifier", "$LATEST"),
        "InvokeConfig", functions, offending, "AWS::Lambda::EventInvokeConfig", false);
    assertThat(offending).hasSize(4);

    offending.clear();
    functionReferences(Map.of("FunctionName", Map.of("Ref", "Fn.Alias")), "Permission", functions, offending,
        "AWS::Lambda::Permission", false);
    functionReferences(Map.of("Endpoint", Map.of("Fn::Sub", "${Fn.Alias}")), "Subscription", functions, offending,
        "AWS::SNS::Subscription", false);
    functionReferences(Map.of("Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", "Fn")))),
        "Alarm.Properties", functions, offending, "AWS::CloudWatch::Alarm", false);
    functionReferences(Map.of("LogGroupName", Map.of("Fn::Sub", "/aws/lambda/${Fn}")), "Logs.Properties", functions,
        offending, "AWS::Logs::LogGroup", false);
    assertThat(offending).isEmpty();
  }

  /** Records every Ref, GetAtt or Sub variable naming a function in {@code node}, except the allowed ones. */
  private static void functionReferences(Object node, String where, Set<String> functions, List<String> offending,
      String type, boolean allowed) {
    if (node instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        Object ref = map.get("Ref");
        Object getAtt = map.get("Fn::GetAtt");
        Object sub = map.get("Fn::Sub");
        if (ref != null && functions.contains(String.valueOf(ref)) && !allowed) {
          offending.add(where + ": !Ref " + ref);
        }
        if (getAtt instanceof List<?> l && l.size() == 2 && functions.contains(String.valueOf(l.get(0)))
            && !String.valueOf(l.get(1)).startsWith("Alias.")) {
          offending.add(where + ": !GetAtt " + l);
        }
        if (sub != null) {
          String text = String.valueOf(sub instanceof List<?> l ? l.get(0) : sub);
          var m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z.]+)?}").matcher(text);
          while (m.find()) {
            boolean unqualified = m.group(2) == null || !m.group(2).startsWith(".Alias");
            if (functions.contains(m.group(1)) && unqualified && !allowed) {
              offending.add(where + ": ${" + m.group(1) + (m.group(2) == null ? "" : m.group(2)) + "}");
            }
          }
        }
      }
      // an alarm's FunctionName dimension and a log group's name mean the function as a whole
      boolean dimension = type.equals("AWS::CloudWatch::Alarm") && "FunctionName".equals(map.get("Name"))
          && map.containsKey("Value");
      for (var e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        boolean ok = allowed || (dimension && key.equals("Value"))
            || (type.equals("AWS::Logs::LogGroup") && where.endsWith(".Properties") && key.equals("LogGroupName"));
        functionReferences(e.getValue(), where + "." + key, functions, offending, type, ok);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        functionReferences(list.get(i), where + "[" + i + "]", functions, offending, type, allowed);
      }
    }
  }
}
