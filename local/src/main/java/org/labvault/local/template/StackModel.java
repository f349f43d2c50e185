package org.labvault.local.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The template, checked and resolved for the local stack. Every resource type, property and event
 * source it meets is either run locally, deliberately without local effect (listed here), or an
 * error that names it: nothing is skipped silently.
 */
public final class StackModel {

  /** The audience of locally issued tokens; template user pool clients resolve to it. */
  public static final String LOCAL_CLIENT_ID = "labvault";

  static final String FUNCTION = "AWS::Serverless::Function";
  static final String HTTP_API = "AWS::Serverless::HttpApi";
  static final String LAYER = "AWS::Serverless::LayerVersion";
  static final String TABLE = "AWS::DynamoDB::Table";
  static final String BUCKET = "AWS::S3::Bucket";
  static final String BUCKET_POLICY = "AWS::S3::BucketPolicy";
  static final String LOG_GROUP = "AWS::Logs::LogGroup";
  static final String USER_POOL = "AWS::Cognito::UserPool";
  static final String USER_POOL_CLIENT = "AWS::Cognito::UserPoolClient";
  static final String USER_POOL_GROUP = "AWS::Cognito::UserPoolGroup";
  static final String USER_POOL_DOMAIN = "AWS::Cognito::UserPoolDomain";
  static final String RESOURCE_SERVER = "AWS::Cognito::UserPoolResourceServer";
  static final String ALARM = "AWS::CloudWatch::Alarm";
  static final String METRIC_FILTER = "AWS::Logs::MetricFilter";
  static final String SECRET = "AWS::SecretsManager::Secret";
  static final String QUEUE = "AWS::SQS::Queue";
  static final String QUEUE_POLICY = "AWS::SQS::QueuePolicy";
  static final String TOPIC = "AWS::SNS::Topic";
  static final String SUBSCRIPTION = "AWS::SNS::Subscription";
  static final String MANAGED_POLICY = "AWS::IAM::ManagedPolicy";
  static final String ROLE = "AWS::IAM::Role";
  static final String IOT_POLICY = "AWS::IoT::Policy";
  static final String KMS_KEY = "AWS::KMS::Key";
  static final String KMS_ALIAS = "AWS::KMS::Alias";
  static final String TRAIL = "AWS::CloudTrail::Trail";

  // Properties read locally, or without local effect (IAM, tracing, architecture, encryption at rest,
  // backups, retention): AWS enforces them; the template test checks them statically.
  private static final Set<String> FUNCTION_PROPERTIES =
      Set.of("Handler", "CodeUri", "Runtime", "Architectures", "MemorySize", "Timeout", "Tracing",
          "Layers", "LoggingConfig", "Environment", "Policies", "Events", "Description", "SnapStart",
          "AutoPublishAlias", "Tags", "EventInvokeConfig", "Role");
  private static final Set<String> EVENT_INVOKE_CONFIG_PROPERTIES =
      Set.of("MaximumEventAgeInSeconds", "MaximumRetryAttempts", "DestinationConfig");
  private static final Set<String> HTTP_API_PROPERTIES =
      Set.of("StageName", "Auth", "Description", "Tags", "FailOnWarnings", "AccessLogSettings");
  private static final Set<String> TABLE_PROPERTIES =
      Set.of("TableName", "KeySchema", "AttributeDefinitions", "BillingMode",
          "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification",
          "TimeToLiveSpecification", "PointInTimeRecoverySpecification", "SSESpecification",
          "DeletionProtectionEnabled", "Tags");
  private static final Set<String> BUCKET_PROPERTIES =
      Set.of("BucketName", "VersioningConfiguration", "BucketEncryption",
          "PublicAccessBlockConfiguration", "OwnershipControls", "LifecycleConfiguration", "Tags");
  private static final Set<String> SECRET_PROPERTIES = Set.of("Name", "Description", "GenerateSecretString", "Tags");
  private static final Set<String> GENERATE_SECRET_PROPERTIES =
      Set.of("PasswordLength", "ExcludePunctuation", "ExcludeCharacters", "ExcludeLowercase", "ExcludeUppercase",
          "ExcludeNumbers", "IncludeSpace", "RequireEachIncludedType");
  private static final String LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
  private static final String UPPERCASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String DIGITS = "0123456789";
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final Set<String> HTTP_EVENT_PROPERTIES =
      Set.of("Path", "Method", "ApiId", "Auth", "TimeoutInMillis", "PayloadFormatVersion");
  private static final Set<String> S3_EVENT_PROPERTIES = Set.of("Bucket", "Events", "Filter");
  private static final Set<String> STREAM_EVENT_PROPERTIES =
      Set.of("Stream", "StartingPosition", "StartingPositionTimestamp", "BatchSize", "Enabled",
          "MaximumBatchingWindowInSeconds", "BisectBatchOnFunctionError", "MaximumRetryAttempts",
          "MaximumRecordAgeInSeconds", "ParallelizationFactor", "FunctionResponseTypes", "FilterCriteria",
          "DestinationConfig", "TumblingWindowInSeconds", "KmsKeyArn", "MetricsConfig");
  private static final Set<String> SQS_EVENT_PROPERTIES =
      Set.of("Queue", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds", "FunctionResponseTypes",
          "FilterCriteria", "ScalingConfig", "KmsKeyArn", "MetricsConfig");
  private static final Set<String> SNS_EVENT_PROPERTIES =
      Set.of("Topic", "Region", "FilterPolicy", "FilterPolicyScope", "SqsSubscription", "RedrivePolicy");
  private static final Set<String> IOT_RULE_EVENT_PROPERTIES = Set.of("Sql", "AwsIotSqlVersion");
  private static final Set<String> IOT_POLICY_PROPERTIES = Set.of("PolicyName", "PolicyDocument", "Tags");
  private static final Set<String> SCHEDULE_EVENT_PROPERTIES =
      Set.of("Schedule", "ScheduleExpression", "Input", "Name", "Description", "Enabled", "State",
          "DeadLetterConfig", "RetryPolicy", "FlexibleTimeWindow", "ScheduleExpressionTimezone",
          "StartDate", "EndDate", "GroupName", "KmsKeyArn", "RoleArn", "OmitName", "PermissionsBoundary");
  /** The event source kinds the local stack runs; the others are read, then refused. */
  private static final Set<Class<? extends EventSource>> RUN_LOCALLY =
      Set.of(EventSource.HttpRoute.class, EventSource.S3Notification.class, EventSource.StreamMapping.class,
          EventSource.Schedule.class, EventSource.SqsMapping.class, EventSource.SnsSubscription.class,
          EventSource.IotRule.class);
  /** Where a stream mapping starts on a shard it has no checkpoint for. */
  private static final Set<String> STARTING_POSITIONS = Set.of("TRIM_HORIZON", "LATEST");
  /** The S3 event types the local S3 server reports. */
  private static final Set<String> OBJECT_CREATED_EVENTS = Set.of("s3:ObjectCreated:*", "s3:ObjectCreated:Put",
      "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload");
  private static final Set<String> RUNTIMES = Set.of("java21", "java25");

  private final String region;
  private final String accountId;
  private final String stackName;
  private final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
  private final Map<String, String> types = new LinkedHashMap<>();
  private final Map<String, Model.Function> functions = new LinkedHashMap<>();
  private final Map<String, Model.HttpApi> apis = new LinkedHashMap<>();
  private final Map<String, Model.Table> tables = new LinkedHashMap<>();
  private final Map<String, Model.Bucket> buckets = new LinkedHashMap<>();
  private final Map<String, Model.Secret> secrets = new LinkedHashMap<>();
  private final Map<String, Messaging.Queue> queues = new LinkedHashMap<>();
  private final Map<String, Messaging.Topic> topics = new LinkedHashMap<>();
  private final Map<String, Messaging.Subscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, String> secretValues = new LinkedHashMap<>();
  private final Map<String, Model.AppClient> appClients = new LinkedHashMap<>();
  private final Map<String, Model.IotPolicy> iotPolicies = new LinkedHashMap<>();
  private final Map<String, Model.KmsKey> kmsKeys = new LinkedHashMap<>();
  private final Map<String, Model.KmsAlias> kmsAliases = new LinkedHashMap<>();
  private final SecretStore secretStore;
  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> awsSide = new LinkedHashMap<>();
  private Intrinsics intrinsics;

  private StackModel(String region, String accountId, String stackName, SecretStore secretStore) {
    this.region = region;
    this.accountId = accountId;
    this.stackName = stackName;
    this.secretStore = secretStore;
  }

  /**
   * Where the values of the template's generated secrets come from: generated once and kept (the
   * stack's state directory), or generated for this model only ({@link #generatedOnce()}).
   */
  @FunctionalInterface
  public interface SecretStore {
    String value(Model.Secret secret);
  }

  /** Fresh values, one per secret of the model: for checking a template, and for tests. */
  public static SecretStore generatedOnce() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    return secret -> secret.generate(random);
  }

  /**
   * Checks and resolves {@code template}.
   *
   * @throws TemplateException listing every construct the local stack cannot run
   */
  public static StackModel build(Template template, String region, String accountId, String stackName) {
    return build(template, region, accountId, stackName, Map.of());
  }

  /**
   * Checks and resolves {@code template} with {@code overrides} in place of the parameters'
   * defaults, as {@code sam deploy --parameter-overrides} would.
   *
   * @throws TemplateException listing every construct the local stack cannot run, and every
   *     override that names no parameter or is not one of its allowed values
   */
  public static StackModel build(
      Template template, String region, String accountId, String stackName, Map<String, String> overrides) {
    return build(template, region, accountId, stackName, overrides, generatedOnce());
  }

  /**
   * As {@link #build(Template, String, String, String, Map)}, with the values of generated secrets
   * (what {@code {{resolve:secretsmanager:...}}} references answer) taken from {@code secretStore}.
   */
  public static StackModel build(Template template, String region, String accountId, String stackName,
      Map<String, String> overrides, SecretStore secretStore) {
    StackModel model = new StackModel(region, accountId, stackName, secretStore);
    model.load(template, overrides);
    if (!model.problems.isEmpty()) {
      throw new TemplateException(model.problems.stream().distinct().toList());
    }
    return model;
  }

  public Map<String, Model.Function> functions() {
    return functions;
  }

  public Map<String, Model.HttpApi> apis() {
    return apis;
  }

  public Map<String, Model.Table> tables() {
    return tables;
  }

  public Map<String, Model.Bucket> buckets() {
    return buckets;
  }

  /** The template's Secrets Manager secrets, by logical id. */
  public Map<String, Model.Secret> secrets() {
    return secrets;
  }

  /** The template's SQS queues, by logical id. */
  public Map<String, Messaging.Queue> queues() {
    return queues;
  }

  /** The template's SNS topics, by logical id. */
  public Map<String, Messaging.Topic> topics() {
    return topics;
  }

  /** The template's SNS subscriptions, by logical id. */
  public Map<String, Messaging.Subscription> subscriptions() {
    return subscriptions;
  }

  /** The template's IoT policies, by logical id. */
  public Map<String, Model.IotPolicy> iotPolicies() {
    return iotPolicies;
  }

  /** The template's KMS signing keys, by logical id. */
  public Map<String, Model.KmsKey> kmsKeys() {
    return kmsKeys;
  }

  /** The template's KMS aliases, by logical id. */
  public Map<String, Model.KmsAlias> kmsAliases() {
    return kmsAliases;
  }

  /** The IoT rules: which MQTT messages invoke which function (asynchronously). */
  public List<EventSource.IotRule> iotRules() {
    return events(EventSource.IotRule.class);
  }

  /** The SQS event sources: which queue's messages invoke which function. */
  public List<EventSource.SqsMapping> sqsMappings() {
    return events(EventSource.SqsMapping.class);
  }

  /** The SNS event sources: which topic's messages invoke which function (asynchronously). */
  public List<EventSource.SnsSubscription> snsSubscriptions() {
    return events(EventSource.SnsSubscription.class);
  }

  /** The S3 event sources: which bucket's new objects invoke which function. */
  public List<EventSource.S3Notification> notifications() {
    return events(EventSource.S3Notification.class);
  }

  /**
   * The physical name of every table and bucket, the URL of every queue, the ARN of every topic and
   * KMS key and the name of every KMS alias of the template by logical id, in template order: what
   * stack.json lists under {@code resources}.
   */
  public Map<String, String> physicalNames() {
    Map<String, String> names = new LinkedHashMap<>();
    resources.keySet().forEach(id -> {
      if (tables.containsKey(id)) {
        names.put(id, tables.get(id).tableName());
      } else if (buckets.containsKey(id)) {
        names.put(id, buckets.get(id).bucketName());
      } else if (queues.containsKey(id)) {
        names.put(id, queues.get(id).url());
      } else if (topics.containsKey(id)) {
        names.put(id, topics.get(id).arn());
      } else if (kmsKeys.containsKey(id)) {
        names.put(id, kmsKeys.get(id).arn());
      } else if (kmsAliases.containsKey(id)) {
        names.put(id, kmsAliases.get(id).aliasName());
      }
    });
    return names;
  }

  /** The resources only AWS runs (logical id to type): stack.json names them so nobody looks for them locally. */
  public Map<String, String> awsSide() {
    return awsSide;
  }

  /** The buckets a CloudTrail trail of the template writes to ({@code S3BucketName: !Ref Bucket}). */
  private static Set<String> trailBuckets(Map<String, Map<String, Object>> declared) {
    Set<String> named = new HashSet<>();
    declared.forEach((id, def) -> {
      if (TRAIL.equals(def.get("Type"))) {
        Object bucket = Template.map(Template.map(def.get("Properties")).get("S3BucketName")).get("Ref");
        if (bucket != null) {
          named.add(String.valueOf(bucket));
        }
      }
    });
    return named;
  }

  /** A trail's bucket, or that bucket's policy (CloudTrail's service statements mean nothing locally). */
  private boolean servesATrail(String id, Map<String, Object> props, Set<String> trailBuckets) {
    String type = types.get(id);
    return BUCKET.equals(type) && trailBuckets.contains(id)
        || BUCKET_POLICY.equals(type) && trailBuckets.contains(String.valueOf(Template.map(props.get("Bucket")).get("Ref")));
  }

  /** Template settings that have no effect locally, worth one line each at start. */
  public List<String> notes() {
    return notes;
  }

  /** The DynamoDB stream event source mappings, in template order. */
  public List<EventSource.StreamMapping> streamMappings() {
    return events(EventSource.StreamMapping.class);
  }

  /** The schedules, in template order (disabled ones too: {@link EventSource.Schedule#enabled()}). */
  public List<EventSource.Schedule> schedules() {
    return events(EventSource.Schedule.class);
  }

  /** The template table whose stream {@code mapping} reads (checked to exist at build). */
  public Model.Table streamTable(EventSource.StreamMapping mapping) {
    return tables.values().stream()
        .filter(t -> streamArn(t.tableName()).equals(mapping.streamArn()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(mapping.streamArn() + " is no stream of this template"));
  }

  public List<EventSource.HttpRoute> routes() {
    return events(EventSource.HttpRoute.class);
  }

  private <T extends EventSource> List<T> events(Class<T> kind) {
    return functions.values().stream().flatMap(f -> f.events().stream()).filter(kind::isInstance).map(kind::cast).toList();
  }

  private void load(Template template, Map<String, String> overrides) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("AWS::Region", region);
    parameters.put("AWS::AccountId", accountId);
    parameters.put("AWS::StackName", stackName);
    parameters.put("AWS::StackId", "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/local");
    parameters.put("AWS::Partition", "aws");
    parameters.put("AWS::URLSuffix", "amazonaws.com");
    Map<String, Object> declaredParameters = template.section("Parameters");
    for (String name : overrides.keySet()) {
      if (!declaredParameters.containsKey(name)) {
        problems.add("--parameter-overrides: " + name + " is not a parameter of the template");
      }
    }
    declaredParameters.forEach((name, def) -> {
      Object value = overrides.containsKey(name) ? overrides.get(name) : Template.map(def).get("Default");
      List<?> allowed = list(Template.map(def).get("AllowedValues"));
      if (value == null) {
        problems.add("parameter " + name + " has no Default; give it with --parameter-overrides " + name + "=...");
      } else if (overrides.containsKey(name) && !allowed.isEmpty()
          && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
        problems.add("--parameter-overrides: " + name + " must be one of " + allowed + ", not " + value);
      } else {
        parameters.put(name, value);
      }
    });
    intrinsics = new Intrinsics(parameters, template.section("Conditions"), new LocalResources());

    var declared = template.resources();
    declared.forEach((id, def) -> {
      String type = String.valueOf(def.get("Type"));
      types.put(id, type);
      resources.put(id, def);
    });
    Map<String, Object> functionGlobals = Template.map(template.section("Globals").get("Function"));
    for (String section : template.section("Globals").keySet()) {
      if (!section.equals("Function")) {
        problems.add("Globals." + section + " is not supported by the local stack");
      }
    }

    Set<String> trailBuckets = trailBuckets(declared);
    List<Map.Entry<String, Map<String, Object>>> policies = new ArrayList<>();
    List<Map.Entry<String, Map<String, Object>>> subscriptionDefs = new ArrayList<>();
    List<Map.Entry<String, Map<String, Object>>> aliasDefs = new ArrayList<>();
    declared.forEach((id, def) -> {
      try {
        Object condition = def.get("Condition");
        if (condition != null && !intrinsics.condition(String.valueOf(condition), id)) {
          return;
        }
        Map<String, Object> props = Template.map(def.get("Properties"));
        if (servesATrail(id, props, trailBuckets)) {
          awsSide.put(id, types.get(id));
          notes.add(id + ": holds CloudTrail log files; AWS-side, not created locally");
          return;
        }
        switch (types.get(id)) {
          case FUNCTION -> function(id, merge(functionGlobals, props));
          case HTTP_API -> httpApi(id, props);
          case TABLE -> table(id, props);
          case BUCKET -> bucket(id, props);
          case BUCKET_POLICY -> policies.add(Map.entry(id, props));
          case SECRET -> secret(id);
          case QUEUE -> MessagingResources.queue(this, id, props);
          case TOPIC -> MessagingResources.topic(this, id, props);
          case SUBSCRIPTION -> subscriptionDefs.add(Map.entry(id, props));
          case QUEUE_POLICY -> notes.add(id + ": queue policies have no local effect (the local SQS checks no permissions)");
          case ALARM -> {
            awsSide.put(id, ALARM);
            notes.add(id + ": CloudWatch alarms are AWS-side; locally, read the queue it watches with the AWS CLI");
          }
          case TRAIL -> {
            awsSide.put(id, TRAIL);
            notes.add(id + ": the CloudTrail trail of the account's management events is AWS-side; nothing records them locally");
          }
          // the functions log to stdout locally: there is no log group for a metric filter to read
          case METRIC_FILTER -> {
            awsSide.put(id, METRIC_FILTER);
            notes.add(id + ": CloudWatch Logs metric filters are AWS-side; locally, the same lines are on stdout");
          }
          case USER_POOL_CLIENT -> appClient(id, props);
          case IOT_POLICY -> iotPolicy(id, props);
          case KMS_KEY -> KmsResources.key(this, id, props);
          case KMS_ALIAS -> aliasDefs.add(Map.entry(id, props)); // after the keys they name
          case MANAGED_POLICY -> notes.add(id + ": IAM policies have no local effect (the local engines check signatures, not permissions)");
          case ROLE -> notes.add(id + ": IAM roles have no local effect (every function runs with the stack's credentials)");
          case LAYER, LOG_GROUP, USER_POOL, USER_POOL_GROUP, USER_POOL_DOMAIN, RESOURCE_SERVER -> {
            // classpath, stdout, and the local token issuer stand in for these
          }
          default -> problems.add(id + ": resource type " + types.get(id) + " is not supported by the local stack");
        }
      } catch (TemplateException e) {
        problems.addAll(e.problems());
      }
    });
    policies.forEach(p -> {
      try {
        bucketPolicy(p.getKey(), p.getValue());
      } catch (TemplateException e) {
        problems.addAll(e.problems());
      }
    });
    subscriptionDefs.forEach(d -> {
      try {
        MessagingResources.subscription(this, d.getKey(), d.getValue());
      } catch (TemplateException e) {
        problems.addAll(e.problems());
      }
    });
    aliasDefs.forEach(d -> {
      try {
        KmsResources.alias(this, d.getKey(), d.getValue());
      } catch (TemplateException e) {
        problems.addAll(e.problems());
      }
    });
    MessagingResources.checkMappings(this);
    checkRoutes();
    for (EventSource.StreamMapping m : streamMappings()) {
      Model.Table table = tables.values().stream()
          .filter(t -> streamArn(t.tableName()).equals(m.streamArn())).findFirst().orElse(null);
      String where = m.functionLogicalId() + ".Events." + m.name();
      if (table == null) {
        problems.add(where + ".Stream must be !GetAtt <Table>.StreamArn of a table of this template");
      } else if (!Template.map(table.properties().get("StreamSpecification")).containsKey("StreamViewType")) {
        problems.add(where + ".Stream: " + table.logicalId() + " has no StreamSpecification.StreamViewType");
      }
    }
    for (EventSource.S3Notification n : notifications()) {
      if (!buckets.containsKey(n.bucketLogicalId())) {
        problems.add(n.functionLogicalId() + ".Events." + n.name() + ".Bucket must be a !Ref to a bucket of this template");
      }
    }
  }

  // ---- IoT

  /** An IoT policy: its document, resolved (a {@code ${!x}} of Fn::Sub is the policy variable {@code ${x}}) and checked. */
  private void iotPolicy(String id, Map<String, Object> props) {
    unknownProperties(id, props, IOT_POLICY_PROPERTIES);
    String name = iotPolicyName(id);
    if (!name.matches("[\\w+=,.@-]{1,128}")) {
      problems.add(id + ".PolicyName " + name + " is not a name IoT Core accepts");
    }
    Object document = intrinsics.resolve(props.get("PolicyDocument"), id + ".PolicyDocument");
    if (document instanceof String json) {
      try {
        document = org.labvault.shared.json.Json.instance().mapper().readValue(json, Map.class);
      } catch (java.io.IOException e) {
        problems.add(id + ".PolicyDocument is not valid JSON");
        return;
      }
    }
    if (!(document instanceof Map<?, ?> map)) {
      problems.add(id + ".PolicyDocument must be an object (or a JSON string)");
      return;
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> content = (Map<String, Object>) map;
      iotPolicies.put(id, new Model.IotPolicy(id, name, arn("iot", "policy/" + name),
          org.labvault.local.iot.policy.PolicyDocument.parse(content)));
    } catch (IllegalArgumentException e) {
      problems.add(id + ".PolicyDocument: " + e.getMessage());
    }
  }

  // ---- functions and routes

  private void function(String id, Map<String, Object> props) {
    unknownProperties(id, props, FUNCTION_PROPERTIES);
    String handler = intrinsics.resolveString(props.get("Handler"), id + ".Handler");
    String runtime = intrinsics.resolveString(props.getOrDefault("Runtime", ""), id + ".Runtime");
    if (!RUNTIMES.contains(runtime)) {
      problems.add(id + ": runtime " + runtime + " is not one the local stack runs (" + RUNTIMES + ")");
    }
    String[] parts = handler.split("::", 2);
    Map<String, String> environment = new LinkedHashMap<>();
    Template.map(intrinsics.resolve(Template.map(props.get("Environment")).get("Variables"), id + ".Environment"))
        .forEach((k, v) -> environment.put(k, String.valueOf(v)));
    List<EventSource> events = new ArrayList<>();
    Template.map(props.get("Events")).forEach((name, event) -> {
      EventSource source = event(id, name, Template.map(event));
      if (source != null) {
        events.add(source);
      }
    });
    Object policies = intrinsics.resolve(props.getOrDefault("Policies", List.of()), id + ".Policies");
    functions.put(id, new Model.Function(
        id,
        functionName(id),
        parts[0],
        parts.length > 1 ? parts[1] : "handleRequest",
        runtime,
        Integer.parseInt(intrinsics.resolveString(props.getOrDefault("MemorySize", 128), id + ".MemorySize")),
        Integer.parseInt(intrinsics.resolveString(props.getOrDefault("Timeout", 3), id + ".Timeout")),
        environment,
        policies instanceof List<?> l ? List.copyOf(l) : List.of(policies),
        List.copyOf(events),
        asyncConfig(id, Template.map(props.get("EventInvokeConfig")))));
  }

  /**
   * SAM's {@code EventInvokeConfig}: retries and event age of asynchronous invocations, and where a
   * failed event goes. {@code OnSuccess} destinations are not sent locally and are refused.
   */
  private Model.AsyncConfig asyncConfig(String id, Map<String, Object> config) {
    String where = id + ".EventInvokeConfig";
    unknownProperties(where, config, EVENT_INVOKE_CONFIG_PROPERTIES);
    Model.AsyncConfig defaults = Model.AsyncConfig.LAMBDA_DEFAULT;
    int retries = integer(config, "MaximumRetryAttempts", defaults.maximumRetryAttempts(), where);
    if (retries < 0 || retries > 2) {
      problems.add(where + ".MaximumRetryAttempts must be 0, 1 or 2, not " + retries);
    }
    int age = integer(config, "MaximumEventAgeInSeconds", defaults.maximumEventAgeSeconds(), where);
    if (age < 60 || age > 21600) {
      problems.add(where + ".MaximumEventAgeInSeconds must be between 60 and 21600, not " + age);
    }
    Map<String, Object> destinations = Template.map(config.get("DestinationConfig"));
    unknownProperties(where + ".DestinationConfig", destinations, Set.of("OnFailure"));
    Map<String, Object> onFailure = Template.map(destinations.get("OnFailure"));
    unknownProperties(where + ".DestinationConfig.OnFailure", onFailure, Set.of("Type", "Destination"));
    String destination = string(onFailure, "Destination", where + ".DestinationConfig.OnFailure");
    String type = string(onFailure, "Type", where + ".DestinationConfig.OnFailure");
    if (destination != null && !destinationArn(destination)) {
      problems.add(where + ".DestinationConfig.OnFailure.Destination must be an SQS queue or SNS topic ARN, not "
          + destination);
    } else if (destination != null && type != null && !destination.startsWith("arn:aws:" + type.toLowerCase(Locale.ROOT) + ":")) {
      problems.add(where + ".DestinationConfig.OnFailure: Type " + type + " does not match " + destination);
    }
    return new Model.AsyncConfig(retries, age, destination);
  }

  private void within(String what, int value, int lowest, int highest) {
    if (value < lowest || value > highest) {
      problems.add(what + " must be between " + lowest + " and " + highest + ", not " + value);
    }
  }

  /** The on-failure destinations the local stack can send to. */
  private static boolean destinationArn(String arn) {
    return arn.startsWith("arn:aws:sqs:") || arn.startsWith("arn:aws:sns:");
  }

  /**
   * One reader per SAM event type. The kinds the stack does not run yet are still read (so their
   * properties are checked), then refused: an unsupported construct stops the start.
   *
   * @return the source, or null when it has problems (recorded)
   */
  private EventSource event(String functionId, String name, Map<String, Object> event) {
    String where = functionId + ".Events." + name;
    String type = String.valueOf(event.get("Type"));
    Map<String, Object> props = Template.map(event.get("Properties"));
    EventSource source = switch (type) {
      case "HttpApi" -> httpRoute(functionId, name, props);
      case "S3" -> s3Notification(functionId, name, props);
      case "DynamoDB" -> streamMapping(functionId, name, props);
      case "Kinesis" -> {
        streamMapping(functionId, name, props);
        problems.add(where + ": event type Kinesis is not supported by the local stack");
        yield null;
      }
      case "SQS" -> sqsMapping(functionId, name, props);
      case "SNS" -> snsSubscription(functionId, name, props);
      case "IoTRule" -> iotRule(functionId, name, props);
      case "Schedule", "ScheduleV2" -> schedule(functionId, name, props);
      default -> {
        problems.add(where + ": event type " + type + " is not supported by the local stack");
        yield null;
      }
    };
    if (source != null && !RUN_LOCALLY.contains(source.getClass())) {
      problems.add(where + ": event type " + type + " is not supported by the local stack");
      return null;
    }
    return source;
  }

  private EventSource.HttpRoute httpRoute(String functionId, String name, Map<String, Object> props) {
    String where = functionId + ".Events." + name;
    unknownProperties(where, props, HTTP_EVENT_PROPERTIES);
    Object version = props.get("PayloadFormatVersion");
    if (version != null && !"2.0".equals(String.valueOf(version))) {
      problems.add(where + ": only payload format 2.0 is served locally");
    }
    String apiId = "ServerlessHttpApi"; // SAM's implicit API when ApiId is left out
    Object apiRef = props.get("ApiId");
    if (apiRef != null) {
      if (!(apiRef instanceof Map<?, ?> m) || !(m.get("Ref") instanceof String ref)) {
        problems.add(where + ".ApiId must be a !Ref to an AWS::Serverless::HttpApi");
        return null;
      }
      apiId = ref;
    }
    Map<String, Object> auth = Template.map(props.get("Auth"));
    String method = intrinsics.resolveString(props.get("Method"), where + ".Method").toUpperCase(Locale.ROOT);
    String path = intrinsics.resolveString(props.get("Path"), where + ".Path");
    Object scopes = intrinsics.resolve(auth.getOrDefault("AuthorizationScopes", List.of()), where);
    return new EventSource.HttpRoute(
        functionId,
        name,
        apiId,
        method,
        path,
        auth.containsKey("Authorizer") ? String.valueOf(auth.get("Authorizer")) : null,
        scopes instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of());
  }

  /**
   * An S3 event source. The local S3 server reports created objects (put, copy, completed multipart
   * upload); other event types and filters beyond a key prefix and suffix are errors.
   */
  private EventSource.S3Notification s3Notification(String functionId, String name, Map<String, Object> props) {
    String where = functionId + ".Events." + name;
    unknownProperties(where, props, S3_EVENT_PROPERTIES);
    Object bucketRef = Template.map(props.get("Bucket")).get("Ref");
    if (bucketRef == null) {
      problems.add(where + ".Bucket must be a !Ref to a bucket of this template");
      return null;
    }
    List<String> events = new ArrayList<>();
    for (Object e : list(intrinsics.resolve(props.get("Events"), where + ".Events"))) {
      if (!OBJECT_CREATED_EVENTS.contains(String.valueOf(e))) {
        problems.add(where + ": S3 event " + e + " is not delivered by the local stack (only " + OBJECT_CREATED_EVENTS + ")");
      }
      events.add(String.valueOf(e));
    }
    String prefix = "";
    String suffix = "";
    Map<String, Object> filter = Template.map(intrinsics.resolve(props.get("Filter"), where + ".Filter"));
    for (String key : filter.keySet()) {
      if (!key.equals("S3Key")) {
        problems.add(where + ".Filter." + key + " is not supported by the local stack");
      }
    }
    for (Object rule : list(Template.map(filter.get("S3Key")).get("Rules"))) {
      Map<String, Object> r = Template.map(rule);
      String ruleName = String.valueOf(r.get("Name")).toLowerCase(Locale.ROOT);
      String value = String.valueOf(r.get("Value"));
      switch (ruleName) {
        case "prefix" -> prefix = value;
        case "suffix" -> suffix = value;
        default -> problems.add(where + ": filter rule " + r.get("Name") + " is not prefix or suffix");
      }
    }
    return new EventSource.S3Notification(functionId, name, String.valueOf(bucketRef), events, prefix, suffix);
  }

  // ---- event sources read but not run yet

  private EventSource.StreamMapping streamMapping(String functionId, String name, Map<String, Object> props) {
    String where = functionId + ".Events." + name;
    unknownProperties(where, props, STREAM_EVENT_PROPERTIES);
    Map<String, Object> onFailure = Template.map(Template.map(props.get("DestinationConfig")).get("OnFailure"));
    for (String notRun : List.of("TumblingWindowInSeconds", "StartingPositionTimestamp")) {
      if (props.containsKey(notRun)) {
        problems.add(where + ": " + notRun + " is not run by the local stack");
      }
    }
    try {
      EventFilter.of(filters(props, where));
    } catch (IllegalArgumentException e) {
      problems.add(where + ".FilterCriteria: " + e.getMessage());
    }
    String position = string(props, "StartingPosition", where);
    if (!STARTING_POSITIONS.contains(position)) {
      problems.add(where + ".StartingPosition must be TRIM_HORIZON or LATEST, not " + position);
    }
    String destination = string(onFailure, "Destination", where);
    if (destination != null && !destinationArn(destination)) {
      problems.add(where + ".DestinationConfig.OnFailure.Destination must be an SQS queue or SNS topic ARN, not "
          + destination);
    }
    // Lambda's own bounds for DynamoDB streams
    within(where + ".BatchSize", integer(props, "BatchSize", 100, where), 1, 10_000);
    within(where + ".MaximumRetryAttempts", integer(props, "MaximumRetryAttempts", -1, where), -1, 10_000);
    within(where + ".MaximumBatchingWindowInSeconds", integer(props, "MaximumBatchingWindowInSeconds", 0, where), 0, 300);
    if (integer(props, "ParallelizationFactor", 1, where) > 1) {
      notes.add(where + ": ParallelizationFactor has no local effect (one batch per shard at a time, in order)");
    }
    int maximumAge = integer(props, "MaximumRecordAgeInSeconds", -1, where);
    if (maximumAge != -1) {
      within(where + ".MaximumRecordAgeInSeconds", maximumAge, 60, 604_800);
    }
    return new EventSource.StreamMapping(
        functionId,
        name,
        string(props, "Stream", where),
        string(props, "StartingPosition", where),
        integer(props, "BatchSize", 100, where),
        integer(props, "MaximumBatchingWindowInSeconds", 0, where),
        Boolean.parseBoolean(string(props, "BisectBatchOnFunctionError", where)),
        integer(props, "MaximumRetryAttempts", -1, where),
        integer(props, "MaximumRecordAgeInSeconds", -1, where),
        integer(props, "ParallelizationFactor", 1, where),
        strings(props, "FunctionResponseTypes", where),
        filters(props, where),
        string(onFailure, "Destination", where));
  }

  private EventSource.SqsMapping sqsMapping(String functionId, String name, Map<String, Object> props) {
    String where = functionId + ".Events." + name;
    unknownProperties(where, props, SQS_EVENT_PROPERTIES);
    return new EventSource.SqsMapping(
        functionId,
        name,
        string(props, "Queue", where),
        integer(props, "BatchSize", 10, where),
        integer(props, "MaximumBatchingWindowInSeconds", 0, where),
        integer(Template.map(props.get("ScalingConfig")), "MaximumConcurrency", 0, where),
        strings(props, "FunctionResponseTypes", where),
        filters(props, where));
  }

  private EventSource.SnsSubscription snsSubscription(String functionId, String name, Map<String, Object> props) {
    String where = functionId + ".Events." + name;
    unknownProperties(where, props, SNS_EVENT_PROPERTIES);
    for (String viaQueue : List.of("SqsSubscription", "RedrivePolicy")) {
      if (props.containsKey(viaQueue)) {
        problems.add(where + "." + viaQueue + " is not run by the local stack (the function is subscribed directly)");
      }
    }
    return new EventSource.SnsSubscription(
        functionId,
        name,
        string(props, "Topic", where),
        Template.map(resolved(props, "FilterPolicy", where)),
        props.containsKey("FilterPolicyScope") ? string(props, "FilterPolicyScope", where) : "MessageAttributes",
        string(props, "Region", where));
  }

  private EventSource.IotRule iotRule(String functionId, String name, Map<String, Object> props) {
    String where = functionId + ".Events." + name;
    unknownProperties(where, props, IOT_RULE_EVENT_PROPERTIES);
    EventSource.IotRule rule = new EventSource.IotRule(functionId, name, string(props, "Sql", where),
        props.containsKey("AwsIotSqlVersion") ? string(props, "AwsIotSqlVersion", where) : "2015-10-08");
    try {
      if (rule.sql() == null) {
        throw new org.labvault.local.iot.rules.UnsupportedSqlException("Sql is required");
      }
      org.labvault.local.iot.rules.RuleQuery.parse(rule.sql(), rule.awsIotSqlVersion());
    } catch (org.labvault.local.iot.rules.UnsupportedSqlException e) {
      problems.add(where + " (the IoT rule " + rule.ruleName() + "): " + e.getMessage());
    }
    return rule;
  }

  private EventSource.Schedule schedule(String functionId, String name, Map<String, Object> props) {
    String where = functionId + ".Events." + name;
    unknownProperties(where, props, SCHEDULE_EVENT_PROPERTIES);
    String state = props.containsKey("State") ? string(props, "State", where) : null;
    boolean enabled = state != null ? "ENABLED".equals(state) : !"false".equals(string(props, "Enabled", where));
    String expression = string(props, props.containsKey("ScheduleExpression") ? "ScheduleExpression" : "Schedule", where);
    try {
      ScheduleExpression.parse(expression);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
    }
    String timezone = props.containsKey("ScheduleExpressionTimezone")
        ? string(props, "ScheduleExpressionTimezone", where) : "UTC";
    if (!"UTC".equals(timezone) && !"Etc/UTC".equals(timezone)) {
      problems.add(where + ".ScheduleExpressionTimezone: only UTC is run by the local stack, not " + timezone);
    }
    if (!enabled) {
      notes.add(where + ": the schedule is disabled in the template and is not fired");
    }
    return new EventSource.Schedule(functionId, name, expression, string(props, "Input", where), enabled);
  }

  private Object resolved(Map<String, Object> props, String key, String where) {
    try {
      return intrinsics.resolve(props.get(key), where + "." + key);
    } catch (TemplateException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private String string(Map<String, Object> props, String key, String where) {
    Object value = resolved(props, key, where);
    return value == null ? null : String.valueOf(value);
  }

  private int integer(Map<String, Object> props, String key, int absent, String where) {
    String value = string(props, key, where);
    try {
      return value == null ? absent : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      problems.add(where + "." + key + " must be a number, not " + value);
      return absent;
    }
  }

  private List<String> strings(Map<String, Object> props, String key, String where) {
    return list(resolved(props, key, where)).stream().map(String::valueOf).toList();
  }

  private List<Object> filters(Map<String, Object> props, String where) {
    return List.copyOf(list(Template.map(resolved(props, "FilterCriteria", where)).get("Filters")));
  }

  private void httpApi(String id, Map<String, Object> props) {
    unknownProperties(id, props, HTTP_API_PROPERTIES);
    Map<String, Object> auth = Template.map(props.get("Auth"));
    for (String key : auth.keySet()) {
      if (!Set.of("Authorizers", "DefaultAuthorizer", "EnableIamAuthorizer").contains(key)) {
        problems.add(id + ".Auth." + key + " is not supported by the local stack");
      }
    }
    if (Boolean.TRUE.equals(auth.get("EnableIamAuthorizer"))) {
      problems.add(id + ": IAM authorization is not served locally");
    }
    Map<String, Model.JwtAuthorizer> authorizers = new LinkedHashMap<>();
    Template.map(auth.get("Authorizers")).forEach((name, def) -> {
      String where = id + ".Auth.Authorizers." + name;
      Map<String, Object> a = Template.map(def);
      Map<String, Object> jwt = Template.map(a.get("JwtConfiguration"));
      if (jwt.isEmpty()) {
        problems.add(where + ": only JWT authorizers are served locally");
        return;
      }
      String issuer = intrinsics.resolveString(jwt.get("issuer"), where + ".issuer");
      String pool = userPoolIssuing(issuer);
      if (pool == null) {
        problems.add(where + ": issuer " + issuer + " is not a user pool of this template; the local"
            + " stack can only stand in for the template's own Cognito user pool");
      }
      Object audience = intrinsics.resolve(jwt.getOrDefault("audience", List.of()), where + ".audience");
      Object scopes = intrinsics.resolve(a.getOrDefault("AuthorizationScopes", List.of()), where);
      authorizers.put(name, new Model.JwtAuthorizer(
          id,
          name,
          String.valueOf(a.getOrDefault("IdentitySource", "$request.header.Authorization")),
          pool,
          audience instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(audience)),
          scopes instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of()));
    });
    Object defaultAuthorizer = auth.get("DefaultAuthorizer");
    if (defaultAuthorizer != null && !authorizers.containsKey(String.valueOf(defaultAuthorizer))) {
      problems.add(id + ".Auth.DefaultAuthorizer names no authorizer: " + defaultAuthorizer);
    }
    if (props.containsKey("AccessLogSettings")) {
      notes.add(id + ": access logs go to the function log lines locally");
    }
    apis.put(id, new Model.HttpApi(id, defaultAuthorizer == null ? null : String.valueOf(defaultAuthorizer), authorizers));
  }

  private void checkRoutes() {
    Map<String, String> seen = new LinkedHashMap<>();
    for (EventSource.HttpRoute route : routes()) {
      String where = route.functionLogicalId() + " " + route.routeKey();
      String key = route.apiLogicalId() + " " + route.routeKey();
      String previous = seen.put(key, route.functionLogicalId());
      if (previous != null) {
        problems.add(where + ": route declared twice (also by " + previous + ")");
      }
      Model.HttpApi api = apis.get(route.apiLogicalId());
      if (api == null) {
        if (!route.apiLogicalId().equals("ServerlessHttpApi")) {
          problems.add(where + ": ApiId " + route.apiLogicalId() + " is not an AWS::Serverless::HttpApi");
        } else {
          apis.put("ServerlessHttpApi", new Model.HttpApi("ServerlessHttpApi", null, Map.of()));
        }
        continue;
      }
      String authorizer = route.authorizer();
      if (authorizer != null && !authorizer.equals("NONE") && !api.authorizers().containsKey(authorizer)) {
        problems.add(where + ": authorizer " + authorizer + " is not declared on " + api.logicalId());
      }
    }
  }

  /** The authorizer that protects {@code route}, or null for a public route. */
  public Model.JwtAuthorizer authorizerOf(EventSource.HttpRoute route) {
    if ("NONE".equals(route.authorizer())) {
      return null;
    }
    Model.HttpApi api = apis.get(route.apiLogicalId());
    String name = route.authorizer() != null ? route.authorizer() : api.defaultAuthorizer();
    return name == null ? null : api.authorizers().get(name);
  }

  // ---- storage

  private void table(String id, Map<String, Object> props) {
    unknownProperties(id, props, TABLE_PROPERTIES);
    Map<String, Object> resolved = Template.map(intrinsics.resolve(props, id + ".Properties"));
    if (resolved.containsKey("PointInTimeRecoverySpecification") || resolved.containsKey("SSESpecification")) {
      notes.add(id + ": point-in-time recovery and encryption at rest are AWS-side; the local DynamoDB engine has neither");
    }
    tables.put(id, new Model.Table(id, tableName(id), resolved));
  }

  private void bucket(String id, Map<String, Object> props) {
    unknownProperties(id, props, BUCKET_PROPERTIES);
    Map<String, Object> resolved = Template.map(intrinsics.resolve(props, id + ".Properties"));
    boolean versioned =
        "Enabled".equals(Template.map(resolved.get("VersioningConfiguration")).get("Status"));
    boolean encrypted = false;
    for (Object rule : list(Template.map(resolved.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"))) {
      Map<String, Object> byDefault = Template.map(Template.map(rule).get("ServerSideEncryptionByDefault"));
      String algorithm = String.valueOf(byDefault.get("SSEAlgorithm"));
      if (!algorithm.equals("AES256")) {
        problems.add(id + ": only AES256 default encryption is served locally, not " + algorithm);
      }
      encrypted = true;
    }
    if (resolved.containsKey("LifecycleConfiguration")) {
      notes.add(id + ": lifecycle rules run in AWS only");
    }
    Model.BucketAccess access = bucketAccess(id, resolved);
    notes.add(id + ": the local S3 server enforces " + access.describe());
    buckets.put(id, new Model.Bucket(id, bucketName(id), versioned, encrypted, Model.SseRule.NONE, access));
  }

  /**
   * The public access block and object ownership of a bucket. A property the template leaves out
   * gets what S3 gives new buckets (everything blocked, ACLs disabled); a flag left out of a
   * declared PublicAccessBlockConfiguration is false, as in CloudFormation.
   */
  private Model.BucketAccess bucketAccess(String id, Map<String, Object> resolved) {
    Model.BucketAccess defaults = Model.BucketAccess.AWS_DEFAULT;
    boolean blockPublicAcls = defaults.blockPublicAcls();
    boolean ignorePublicAcls = defaults.ignorePublicAcls();
    boolean blockPublicPolicy = defaults.blockPublicPolicy();
    boolean restrictPublicBuckets = defaults.restrictPublicBuckets();
    if (resolved.containsKey("PublicAccessBlockConfiguration")) {
      Map<String, Object> block = Template.map(resolved.get("PublicAccessBlockConfiguration"));
      blockPublicAcls = flag(id, block, "BlockPublicAcls");
      ignorePublicAcls = flag(id, block, "IgnorePublicAcls");
      blockPublicPolicy = flag(id, block, "BlockPublicPolicy");
      restrictPublicBuckets = flag(id, block, "RestrictPublicBuckets");
    }
    boolean aclsDisabled = defaults.aclsDisabled();
    if (resolved.containsKey("OwnershipControls")) {
      List<?> rules = list(Template.map(resolved.get("OwnershipControls")).get("Rules"));
      String ownership = rules.size() == 1 ? String.valueOf(Template.map(rules.getFirst()).get("ObjectOwnership")) : null;
      if (ownership == null || !Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter").contains(ownership)) {
        problems.add(id + ".OwnershipControls must hold one rule whose ObjectOwnership is BucketOwnerEnforced, "
            + "BucketOwnerPreferred or ObjectWriter");
      }
      aclsDisabled = "BucketOwnerEnforced".equals(ownership);
    }
    return new Model.BucketAccess(blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets, aclsDisabled);
  }

  private boolean flag(String id, Map<String, Object> block, String name) {
    Object value = block.get(name);
    if (value == null) {
      return false;
    }
    String text = String.valueOf(value);
    if (!text.equals("true") && !text.equals("false")) {
      problems.add(id + ".PublicAccessBlockConfiguration." + name + " must be true or false, not " + text);
    }
    return text.equals("true");
  }

  /**
   * Bucket policies are understood statement by statement: "deny puts without (or with another
   * than) SSE AES256" is enforced by the local S3 server; "deny non-TLS access" cannot apply to the loopback endpoint
   * and is noted; any other statement is an error.
   */
  private void bucketPolicy(String id, Map<String, Object> props) {
    Object bucketRef = Template.map(props.get("Bucket")).get("Ref");
    Model.Bucket bucket = buckets.get(String.valueOf(bucketRef));
    if (bucket == null) {
      problems.add(id + ".Bucket must be a !Ref to a bucket of this template");
      return;
    }
    Map<String, Object> document = Template.map(intrinsics.resolve(props.get("PolicyDocument"), id + ".PolicyDocument"));
    Model.SseRule sseRule = Model.SseRule.NONE;
    List<?> statements = list(document.get("Statement"));
    for (int i = 0; i < statements.size(); i++) {
      Map<String, Object> s = Template.map(statements.get(i));
      Map<String, Object> condition = Template.map(s.get("Condition"));
      boolean deny = "Deny".equals(s.get("Effect"));
      if (deny && "false".equals(String.valueOf(Template.map(condition.get("Bool")).get("aws:SecureTransport")))) {
        notes.add(id + ": the TLS-only statement has no local effect (the local S3 endpoint is loopback HTTP)");
      } else if (deny && list(s.get("Action")).contains("s3:PutObject") && sseRule(condition) != Model.SseRule.NONE) {
        sseRule = sseRule(condition);
      } else {
        problems.add(id + ": statement " + (s.get("Sid") != null ? s.get("Sid") : i) + " is not understood by the local stack");
      }
    }
    buckets.put(bucket.logicalId(), new Model.Bucket(
        bucket.logicalId(), bucket.bucketName(), bucket.versioned(), bucket.defaultEncryption(), sseRule, bucket.access()));
  }

  /**
   * What a deny-puts condition on the SSE header means: {@code StringNotEqualsIfExists: AES256}
   * denies other encryptions; {@code StringNotEquals: AES256} or {@code Null: true} (alone or
   * together) deny every put that does not name AES256. Anything else is not understood (NONE).
   */
  private static Model.SseRule sseRule(Map<String, Object> condition) {
    String header = "s3:x-amz-server-side-encryption";
    if (condition.size() == 1 && "AES256".equals(String.valueOf(
        Template.map(condition.get("StringNotEqualsIfExists")).get(header)))) {
      return Model.SseRule.AES256_IF_GIVEN;
    }
    Object notEquals = Template.map(condition.get("StringNotEquals")).get(header);
    Object isNull = Template.map(condition.get("Null")).get(header);
    boolean onlyThese = condition.keySet().stream().allMatch(k -> k.equals("StringNotEquals") || k.equals("Null"));
    boolean required = onlyThese
        && (notEquals != null || isNull != null)
        && (notEquals == null || "AES256".equals(String.valueOf(notEquals)))
        && (isNull == null || "true".equals(String.valueOf(isNull)));
    return required ? Model.SseRule.AES256_REQUIRED : Model.SseRule.NONE;
  }

  // ---- secrets

  /**
   * A secret the stack generates, read on first need (a function's environment may reference a
   * secret declared after it). Only generated plain-text values are served: a literal
   * {@code SecretString}, a JSON template or a KMS key is an error that names it.
   */
  private Model.Secret secret(String id) {
    Model.Secret known = secrets.get(id);
    if (known != null) {
      return known;
    }
    Map<String, Object> props = Template.map(resources.get(id).get("Properties"));
    unknownProperties(id, props, SECRET_PROPERTIES);
    Map<String, Object> generate = Template.map(intrinsics.resolve(props.get("GenerateSecretString"), id + ".GenerateSecretString"));
    if (!props.containsKey("GenerateSecretString")) {
      throw new TemplateException(id + ": only secrets with GenerateSecretString are served locally");
    }
    unknownProperties(id + ".GenerateSecretString", generate, GENERATE_SECRET_PROPERTIES);
    int length;
    try {
      length = Integer.parseInt(String.valueOf(generate.getOrDefault("PasswordLength", 32)));
    } catch (NumberFormatException e) {
      throw new TemplateException(id + ".GenerateSecretString.PasswordLength must be a number");
    }
    StringBuilder alphabet = new StringBuilder();
    int classes = 0;
    for (var c : List.of(Map.entry("ExcludeLowercase", LOWERCASE), Map.entry("ExcludeUppercase", UPPERCASE),
        Map.entry("ExcludeNumbers", DIGITS), Map.entry("ExcludePunctuation", PUNCTUATION))) {
      if (!"true".equals(String.valueOf(generate.get(c.getKey())))) {
        alphabet.append(c.getValue());
        classes++;
      }
    }
    if ("true".equals(String.valueOf(generate.get("IncludeSpace")))) {
      alphabet.append(' ');
      classes++;
    }
    String excluded = String.valueOf(generate.getOrDefault("ExcludeCharacters", ""));
    String chars = alphabet.chars().filter(ch -> excluded.indexOf(ch) < 0)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    boolean eachType = !"false".equals(String.valueOf(generate.getOrDefault("RequireEachIncludedType", true)));
    if (length < 1 || length > 4096 || chars.isEmpty() || (eachType && length < classes)) {
      throw new TemplateException(id + ".GenerateSecretString cannot generate a value of " + length + " characters");
    }
    Object given = props.get("Name");
    String name = given != null ? intrinsics.resolveString(given, id + ".Name") : stackName + "-" + id;
    Model.Secret secret = new Model.Secret(id, arn("secretsmanager", "secret:" + name), length, chars, eachType);
    secrets.put(id, secret);
    return secret;
  }

  /**
   * {@code {{resolve:secretsmanager:<secret-id>[:SecretString]}}}, where the id is a template
   * secret's ARN or name: its whole value. JSON keys, version stages and ids, and other services
   * (ssm, ssm-secure) are errors that name the reference.
   */
  private String dynamicReference(String reference, String where) {
    String at = where + " ({{resolve:" + reference + "}})";
    if (!reference.startsWith("secretsmanager:")) {
      throw new TemplateException(at + ": only secretsmanager dynamic references are resolved by the local stack");
    }
    String rest = reference.substring("secretsmanager:".length());
    List<String> parts = List.of(rest.split(":", -1));
    int idParts = rest.startsWith("arn:") ? 7 : 1;
    if (parts.size() < idParts) {
      throw new TemplateException(at + ": not a secret id");
    }
    String secretId = String.join(":", parts.subList(0, idParts));
    List<String> options = parts.subList(idParts, parts.size());
    if ((!options.isEmpty() && !options.get(0).equals("SecretString"))
        || options.stream().skip(1).anyMatch(o -> !o.isEmpty())) {
      throw new TemplateException(at + ": only the whole SecretString is resolved locally (no JSON key, version stage or id)");
    }
    String id = types.entrySet().stream()
        .filter(e -> e.getValue().equals(SECRET))
        .map(Map.Entry::getKey)
        .filter(s -> {
          Model.Secret secret = secret(s);
          return secret.arn().equals(secretId) || secret.arn().endsWith(":secret:" + secretId);
        })
        .findFirst()
        .orElseThrow(() -> new TemplateException(at + ": names no secret of this template"));
    return secretValues.computeIfAbsent(id, k -> secretStore.value(secret(k)));
  }

  // ---- application clients (client-credentials grant)

  /**
   * A user pool client with a secret and the client-credentials flow: an application that calls
   * the API as {@code app:<ClientName>}. Locally its id is its name, and its secret is generated
   * once and kept with the stack's other secrets.
   */
  private void appClient(String id, Map<String, Object> props) {
    boolean secret = Boolean.parseBoolean(intrinsics.resolveString(props.getOrDefault("GenerateSecret", false), id));
    List<?> flows = list(intrinsics.resolve(props.get("AllowedOAuthFlows"), id + ".AllowedOAuthFlows"));
    if (secret && flows.contains("client_credentials")) {
      String name = intrinsics.resolveString(props.get("ClientName"), id + ".ClientName");
      List<String> scopes = list(intrinsics.resolve(props.get("AllowedOAuthScopes"), id + ".AllowedOAuthScopes"))
          .stream().map(String::valueOf).toList();
      appClients.put(id, new Model.AppClient(id, name, name, scopes));
    }
  }

  private String clientId(String id) {
    if (!appClients.containsKey(id)) { // a Ref may come before the client's own entry
      appClient(id, Template.map(resources.get(id).get("Properties")));
    }
    Model.AppClient client = appClients.get(id);
    return client != null ? client.clientId() : LOCAL_CLIENT_ID;
  }

  private String clientSecret(String id) {
    if (!appClients.containsKey(id)) {
      appClient(id, Template.map(resources.get(id).get("Properties")));
    }
    Model.AppClient client = appClients.get(id);
    if (client == null) {
      throw new TemplateException(id + ".ClientSecret: only clients with GenerateSecret and the client_credentials flow have a secret locally");
    }
    return secretValues.computeIfAbsent(client.secretId(), k -> secretStore.value(client.secret()));
  }

  /** The template's application clients by client id, with their secrets. */
  public Map<String, Model.AppClient> appClients() {
    Map<String, Model.AppClient> byClientId = new LinkedHashMap<>();
    appClients.values().forEach(c -> byClientId.put(c.clientId(), c));
    return byClientId;
  }

  /** The secret of an application client (generated once, kept with the stack's secrets). */
  public String secretOf(Model.AppClient client) {
    return clientSecret(client.logicalId());
  }

  /**
   * Where the AWS URLs a function's environment may name are served locally: each HTTP API's
   * {@code https://<api>.execute-api.<region>.amazonaws.com} by {@code api}, and each user pool
   * domain's {@code https://<domain>.auth.<region>.amazoncognito.com} by {@code api/local} (its
   * {@code /oauth2/token}).
   */
  public Map<String, String> localUrls(String api) {
    Map<String, String> urls = new LinkedHashMap<>();
    types.forEach((id, type) -> {
      if (type.equals(HTTP_API)) {
        urls.put("https://" + apiId(id) + ".execute-api." + region + ".amazonaws.com", api);
      } else if (type.equals(USER_POOL_DOMAIN)) {
        urls.put("https://" + new LocalResources().ref(id, id) + ".auth." + region + ".amazoncognito.com", api + "/local");
      }
    });
    return urls;
  }

  // ---- local names and attributes

  String functionName(String id) {
    return stackName + "-" + id;
  }

  String tableName(String id) {
    Object given = Template.map(resources.get(id).get("Properties")).get("TableName");
    return given != null ? intrinsics.resolveString(given, id + ".TableName") : stackName + "-" + id;
  }

  /**
   * What {@code !GetAtt <Table>.StreamArn} answers: a name for the table's stream, which the local
   * engine labels when the table is created (DescribeTable's LatestStreamArn is the real one).
   */
  String streamArn(String tableName) {
    return arn("dynamodb", "table/" + tableName + "/stream/local");
  }

  String bucketName(String id) {
    Object given = Template.map(resources.get(id).get("Properties")).get("BucketName");
    if (given != null) {
      return intrinsics.resolveString(given, id + ".BucketName");
    }
    String name = (stackName + "-" + id).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  /**
   * An IoT policy's name: its PolicyName, else one generated as CloudFormation does (stack name
   * and logical id; the random suffix CloudFormation adds is left out so the name stays stable).
   */
  String iotPolicyName(String id) {
    Object given = Template.map(resources.get(id).get("Properties")).get("PolicyName");
    if (given != null) {
      return intrinsics.resolveString(given, id + ".PolicyName");
    }
    String name = stackName + "-" + id;
    return name.length() > 128 ? name.substring(0, 128) : name;
  }

  /** The id an HTTP API gets locally (what {@code Ref} returns and events carry). */
  public String apiId(String logicalId) {
    return "local" + logicalId.toLowerCase(Locale.ROOT);
  }

  String userPoolId(String id) {
    return region + "_" + id;
  }

  /** The issuer URL of a template user pool, as Cognito would publish it. */
  String userPoolIssuer(String id) {
    return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId(id);
  }

  private String userPoolIssuing(String issuer) {
    return types.entrySet().stream()
        .filter(e -> e.getValue().equals(USER_POOL) && userPoolIssuer(e.getKey()).equals(issuer))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  // ---- what MessagingResources reads and fills

  String region() {
    return region;
  }

  String accountId() {
    return accountId;
  }

  String stackName() {
    return stackName;
  }

  Intrinsics intrinsics() {
    return intrinsics;
  }

  Map<String, Object> properties(String id) {
    return Template.map(resources.get(id).get("Properties"));
  }

  String typeOf(String id) {
    return types.get(id);
  }

  List<String> problems() {
    return problems;
  }

  void note(String note) {
    notes.add(note);
  }

  void checkProperties(String where, Map<String, Object> props, Set<String> known) {
    unknownProperties(where, props, known);
  }

  /** The name CloudFormation would give a role without RoleName: the stack's name and the logical id. */
  private String roleName(String id) {
    return stackName + "-" + id;
  }

  String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
  }

  private final class LocalResources implements Intrinsics.Resources {
    @Override
    public Object ref(String id, String where) {
      String type = types.get(id);
      if (type == null) {
        throw new TemplateException(where + ": Ref to unknown " + id);
      }
      return switch (type) {
        case TABLE -> tableName(id);
        case BUCKET -> bucketName(id);
        case FUNCTION -> functionName(id);
        case HTTP_API -> apiId(id);
        case LAYER -> arn("lambda", "layer:" + id + ":1");
        case USER_POOL -> userPoolId(id);
        case USER_POOL_CLIENT -> clientId(id);
        case USER_POOL_DOMAIN -> intrinsics.resolveString(
            Template.map(resources.get(id).get("Properties")).get("Domain"), id + ".Domain");
        case LOG_GROUP -> intrinsics.resolveString(
            Template.map(resources.get(id).get("Properties")).get("LogGroupName"), id + ".LogGroupName");
        case SECRET -> secret(id).arn();
        case QUEUE -> MessagingResources.queueUrl(StackModel.this, id);
        case TOPIC -> MessagingResources.topicArn(StackModel.this, id);
        case MANAGED_POLICY -> "arn:aws:iam::" + accountId + ":policy/" + stackName + "-" + id;
        case ROLE -> roleName(id);
        case IOT_POLICY -> iotPolicyName(id);
        case KMS_KEY -> KmsResources.keyId(StackModel.this, id);
        case KMS_ALIAS -> KmsResources.aliasName(StackModel.this, id);
        default -> throw new TemplateException(where + ": Ref to " + type + " is not supported locally");
      };
    }

    @Override
    public String dynamicReference(String reference, String where) {
      return StackModel.this.dynamicReference(reference, where);
    }

    @Override
    public Object getAtt(String id, String attribute, String where) {
      String type = types.get(id);
      if (type == null) {
        throw new TemplateException(where + ": GetAtt of unknown " + id);
      }
      String key = type + "." + attribute;
      return switch (key) {
        case TABLE + ".Arn" -> arn("dynamodb", "table/" + tableName(id));
        case TABLE + ".StreamArn" -> streamArn(tableName(id));
        case BUCKET + ".Arn" -> "arn:aws:s3:::" + bucketName(id);
        case BUCKET + ".DomainName" -> bucketName(id) + ".s3.amazonaws.com";
        case BUCKET + ".RegionalDomainName" -> bucketName(id) + ".s3." + region + ".amazonaws.com";
        case FUNCTION + ".Arn" -> arn("lambda", "function:" + functionName(id));
        case USER_POOL + ".Arn" -> arn("cognito-idp", "userpool/" + userPoolId(id));
        case USER_POOL + ".ProviderURL", USER_POOL + ".ProviderName" ->
            "cognito-idp." + region + ".amazonaws.com/" + userPoolId(id);
        case USER_POOL + ".UserPoolId" -> userPoolId(id);
        case USER_POOL_CLIENT + ".ClientId" -> clientId(id);
        case USER_POOL_CLIENT + ".ClientSecret" -> clientSecret(id);
        case LOG_GROUP + ".Arn" -> arn("logs", "log-group:" + ref(id, where) + ":*");
        case QUEUE + ".Arn" -> arn("sqs", MessagingResources.queueName(StackModel.this, id));
        case QUEUE + ".QueueName" -> MessagingResources.queueName(StackModel.this, id);
        case QUEUE + ".QueueUrl" -> MessagingResources.queueUrl(StackModel.this, id);
        case TOPIC + ".TopicArn" -> MessagingResources.topicArn(StackModel.this, id);
        case TOPIC + ".TopicName" -> MessagingResources.topicName(StackModel.this, id);
        case IOT_POLICY + ".Arn" -> arn("iot", "policy/" + iotPolicyName(id));
        case IOT_POLICY + ".Id" -> iotPolicyName(id);
        case KMS_KEY + ".Arn" -> KmsResources.keyArn(StackModel.this, KmsResources.keyId(StackModel.this, id));
        case KMS_KEY + ".KeyId" -> KmsResources.keyId(StackModel.this, id);
        case ROLE + ".Arn" -> "arn:aws:iam::" + accountId + ":role/" + roleName(id);
        case ROLE + ".RoleId" -> "AROA" + id.toUpperCase(Locale.ROOT);
        default -> throw new TemplateException(where + ": GetAtt " + id + "." + attribute + " is not supported locally");
      };
    }
  }

  // ---- helpers

  private void unknownProperties(String where, Map<String, Object> props, Set<String> known) {
    for (String key : props.keySet()) {
      if (!known.contains(key)) {
        problems.add(where + ": property " + key + " is not supported by the local stack");
      }
    }
  }

  /** SAM's Globals rule: maps merge, lists append, the function's own scalars win. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
    Map<String, Object> out = new LinkedHashMap<>(globals);
    own.forEach((key, value) -> {
      Object global = out.get(key);
      if (global instanceof Map<?, ?> g && value instanceof Map<?, ?> v
          && !isIntrinsic((Map<String, Object>) v)) {
        out.put(key, merge((Map<String, Object>) g, (Map<String, Object>) v));
      } else if (global instanceof List<?> g && value instanceof List<?> v) {
        List<Object> joined = new ArrayList<>(g);
        joined.addAll(v);
        out.put(key, joined);
      } else {
        out.put(key, value);
      }
    });
    return out;
  }

  private static boolean isIntrinsic(Map<String, Object> map) {
    return map.size() == 1 && map.keySet().stream().anyMatch(k -> k.equals("Ref") || k.startsWith("Fn::"));
  }

  private static List<?> list(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> l ? l : List.of(value);
  }
}
