package org.labvault.local;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.labvault.local.engine.DynamoDbEngine;
import org.labvault.local.engine.Engine;
import org.labvault.local.engine.MqttEngine;
import org.labvault.local.iot.IotAuthorizer;
import org.labvault.local.iot.IotRegistry;
import org.labvault.local.iot.api.IotApiEngine;
import org.labvault.local.kms.KmsEngine;
import org.labvault.local.iot.policy.PolicyDocument;
import org.labvault.local.engine.S3Engine;
import org.labvault.local.events.AsyncInvoker;
import org.labvault.local.events.AwsDestinations;
import org.labvault.local.events.Destinations;
import org.labvault.local.events.IotRuleDelivery;
import org.labvault.local.engine.SqsEngine;
import org.labvault.local.events.SqsPoller;
import org.labvault.local.events.S3EventDelivery;
import org.labvault.local.events.Scheduler;
import org.labvault.local.events.StreamPoller;
import org.labvault.local.template.EventSource;
import org.labvault.local.gateway.ApiDocument;
import org.labvault.local.gateway.Gateway;
import org.labvault.local.identity.TokenIssuer;
import org.labvault.local.lambda.FunctionError;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.lambda.LambdaEnvironment;
import org.labvault.local.pki.LocalCa;
import org.labvault.local.sns.SnsEngine;
import org.labvault.local.template.Model;
import org.labvault.local.template.StackModel;
import org.labvault.local.template.Template;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * LabVault on one machine: LabVault's own DynamoDB engine, an S3 server, the local token issuer and CA, the
 * template's functions and the HTTP API in front of them, wired from template.yaml. The engines
 * are kept in a list; stack.json names the endpoints they listen on, and no others.
 */
public final class LocalStack implements AutoCloseable {

  public static final String REGION = "us-east-1";
  public static final String ACCOUNT_ID = "000000000000";
  public static final String STACK_NAME = "labvault-local";
  public static final String READY = "LabVault local stack ready: ";

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final StackOptions options;
  private StateDir state;
  private StackModel model;
  private final List<Engine> engines = new ArrayList<>();
  private DynamoDbEngine dynamoDb;
  private S3Engine s3;
  private SqsEngine sqs;
  private SnsEngine sns;
  private SqsClient snsDeliveryClient;
  private Gateway gateway;
  private TokenIssuer issuer;
  private LocalCa ca;
  private IotRegistry iot;
  private MqttEngine mqtt;
  private IotApiEngine iotApi;
  private KmsEngine kms;
  private StateDir.Credentials credentials;
  private final Map<String, FunctionHost> functions = new LinkedHashMap<>();
  private Destinations destinations;
  private AsyncInvoker asyncInvoker;
  private Scheduler scheduler;

  private LocalStack(StackOptions options, Destinations destinations) {
    this.options = options;
    this.destinations = destinations;
  }

  /** Starts everything; on any failure, stops what already runs and rethrows. */
  public static LocalStack start(StackOptions options) throws Exception {
    return start(options, null);
  }

  /**
   * Starts everything, with on-failure records going to {@code destinations} (null: to the local
   * SQS and SNS endpoints).
   */
  public static LocalStack start(StackOptions options, Destinations destinations) throws Exception {
    LocalStack stack = new LocalStack(options, destinations);
    try {
      stack.boot();
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private void boot() throws Exception {
    Template template = Template.load(options.template());
    // a misspelt parameter is the caller's mistake: a usage error (exit 2), before anything starts
    for (String name : options.parameterOverrides().keySet()) {
      if (!template.section("Parameters").containsKey(name)) {
        throw new StackOptions.UsageException("--parameter-overrides: unknown parameter " + name + "; "
            + options.template() + " declares " + String.join(", ", template.section("Parameters").keySet()));
      }
    }
    // the template is checked before the state directory is touched; then resolved again with the
    // secrets the state directory keeps
    StackModel.build(template, REGION, ACCOUNT_ID, STACK_NAME, options.parameterOverrides());
    state = StateDir.open(options.stateDir(), options.fresh());
    running.push(state);
    model = StackModel.build(template, REGION, ACCOUNT_ID, STACK_NAME, options.parameterOverrides(), secret -> {
      try {
        return state.secret(secret);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    credentials = state.credentials();

    EnginePorts ports = EnginePorts.in(state.ports());
    Clock clock = Clock.systemUTC();
    ca = LocalCa.open(state.pki());
    iot = IotRegistry.open(state.iotRegistry(), ca, clock);
    // the broker takes the longest to start: it starts meanwhile the other engines do
    int mqttPort = ports.choose(MqttEngine.ENDPOINT, options.mqttPort(), "--mqtt-port");
    CompletableFuture<MqttEngine> mqttStart = new CompletableFuture<>();
    Thread.ofPlatform().name("labvault-mqtt-start").start(() -> {
      try {
        mqttStart.complete(MqttEngine.start(state.mqtt(), mqttPort, ca, iot, iotAuthorizer()));
      } catch (Throwable e) {
        mqttStart.completeExceptionally(e);
      }
    });
    running.push(() -> { // stops a broker that started while the stack failed to
      try {
        MqttEngine started = mqttStart.join();
        if (!engines.contains(started)) {
          started.close();
        }
      } catch (java.util.concurrent.CompletionException e) {
        // it did not start
      }
    });
    int dynamoDbPort = ports.choose(DynamoDbEngine.ENDPOINT, options.dynamoDbPort(), "--dynamodb-port");
    dynamoDb = started(options.dynamoDbPort(), "--dynamodb-port",
        () -> DynamoDbEngine.start(state.persistent() ? state.dynamoDb() : null, dynamoDbPort,
            credentials.accessKeyId(), credentials.secretAccessKey()));
    int s3Port = ports.choose(S3Engine.ENDPOINT, options.s3Port(), "--s3-port");
    s3 = started(options.s3Port(), "--s3-port", () -> S3Engine.start(state.persistent() ? state.s3() : null,
        credentials.accessKeyId(), credentials.secretAccessKey(), model.buckets().values(), s3Port));
    startMessaging(ports);
    mqtt = started(options.mqttPort(), "--mqtt-port", () -> {
      try {
        return mqttStart.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    });
    startIotApi(ports);
    startKms(ports);
    ports.remember(engines);
    try (DynamoDbClient dynamo = dynamoDbClient(); S3Client s3Client = s3Client()) {
      dynamoDb.createTables(model.tables().values(), dynamo);
      s3.createBuckets(model.buckets().values(), s3Client);
    }

    try {
      gateway = Gateway.bind(options.port());
    } catch (java.net.BindException e) {
      throw new PortInUseException(options.port(), "--port", e);
    }
    running.push(gateway);
    issuer = TokenIssuer.open(state.identity().resolve("issuer-key.json"),
        api() + "/local", StackModel.LOCAL_CLIENT_ID, clock);

    Map<String, String> localUrls = model.localUrls(api().toString());
    for (Model.Function function : model.functions().values()) {
      Map<String, String> env = LambdaEnvironment.withLocalUrls(LambdaEnvironment.of(function, REGION,
          credentials.accessKeyId(), credentials.secretAccessKey(), Map.of(
              "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint(), "AWS_ENDPOINT_URL_S3", s3.endpoint(),
              "AWS_ENDPOINT_URL_SQS", sqs.endpoint(), "AWS_ENDPOINT_URL_SNS", sns.endpoint(),
              "AWS_ENDPOINT_URL_IOT", iotApi.endpoint(), "AWS_ENDPOINT_URL_IOT_DATA_PLANE", iotApi.dataEndpoint(),
              "AWS_ENDPOINT_URL_KMS", kms.endpoint(), "MQTT_ENDPOINT", mqtt.endpoint())), localUrls);
      // callers invoke the alias: it is the ARN handlers, SNS and failure records see
      FunctionHost host = new FunctionHost(function, env, function.invokedArn(REGION, ACCOUNT_ID));
      running.push(host);
      try {
        host.warmUp();
      } catch (FunctionError e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      functions.put(function.logicalId(), host);
    }
    List<S3EventDelivery.Target> targets = model.notifications().stream()
        .map(n -> new S3EventDelivery.Target(n, model.buckets().get(n.bucketLogicalId()).bucketName(),
            functions.get(n.functionLogicalId())))
        .toList();
    if (destinations == null) {
      AwsDestinations aws = new AwsDestinations(endpoint("sqsEndpoint"), endpoint("snsEndpoint"), REGION,
          credentialsProvider());
      running.push(aws);
      destinations = aws;
    }
    // event sources stop before the invoker, the invoker before the functions it invokes
    asyncInvoker = new AsyncInvoker(destinations, AsyncInvoker.LOCAL_RETRY_DELAYS, clock);
    running.push(asyncInvoker);
    S3EventDelivery delivery = new S3EventDelivery(targets, REGION, ACCOUNT_ID, asyncInvoker);
    running.push(delivery);
    s3.onObjectCreated(delivery);
    subscribeFunctionsToTopics();
    startStreamPollers();
    deliverIotRules(clock);
    scheduler = new Scheduler(model.schedules().stream()
        .map(s -> new Scheduler.Target(s, functions.get(s.functionLogicalId()))).toList(),
        asyncInvoker, clock, REGION, ACCOUNT_ID);
    running.push(scheduler.start());
    startSqsPollers(); // after the functions they invoke, so they stop before them
    ApiDocument.besideTemplate(options.template()).ifPresent(gateway::describedBy);
    gateway.start(model, functions, issuer, ACCOUNT_ID, clock);
    // stopping runs newest first: the gateway must stop taking requests before the functions go
    running.remove(gateway);
    running.push(gateway);
    writeStackJson();
  }

  /** Each {@code SNS} event source: the topic invokes its function through the async invoker. */
  private void subscribeFunctionsToTopics() {
    for (EventSource.SnsSubscription subscription : model.snsSubscriptions()) {
      FunctionHost host = functions.get(subscription.functionLogicalId());
      Map<String, String> attributes = new LinkedHashMap<>();
      if (!subscription.filterPolicy().isEmpty()) {
        attributes.put("FilterPolicy", Json.instance().write(subscription.filterPolicy()));
        attributes.put("FilterPolicyScope", subscription.filterPolicyScope());
      }
      sns.subscribeFunction(subscription.topicArn(), host.functionArn(), attributes,
          event -> asyncInvoker.invoke(host, event, "SNS " + subscription.topicArn()));
    }
  }

  /** The broker authorizes by the template's IoT policies, by name, as AttachPolicy names them. */
  private IotAuthorizer iotAuthorizer() {
    Map<String, PolicyDocument> byName = new LinkedHashMap<>();
    model.iotPolicies().values().forEach(p -> byName.put(p.policyName(), p.document()));
    return new IotAuthorizer(iot, byName, REGION, ACCOUNT_ID);
  }

  /** Each {@code IoTRule} event source: accepted PUBLISHes invoke its function through the async invoker. */
  private void deliverIotRules(Clock clock) {
    List<IotRuleDelivery.Target> rules = model.iotRules().stream()
        .map(rule -> IotRuleDelivery.Target.of(rule, functions.get(rule.functionLogicalId())))
        .toList();
    if (!rules.isEmpty()) {
      mqtt.policy().onInbound(new IotRuleDelivery(rules, asyncInvoker, clock));
    }
  }

  /** One poller per DynamoDB stream mapping, each with its checkpoints in the state directory. */
  private void startStreamPollers() throws IOException {
    if (model.streamMappings().isEmpty()) {
      return;
    }
    DynamoDbClient dynamo = dynamoDbClient();
    running.push(dynamo);
    DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(REGION))
        .credentialsProvider(credentialsProvider())
        .endpointOverride(dynamoDb.endpoint())
        .build();
    running.push(streams);
    for (EventSource.StreamMapping mapping : model.streamMappings()) {
      java.nio.file.Path checkpoints = state.persistent()
          ? state.streamCheckpoints().resolve(mapping.functionLogicalId() + "." + mapping.name() + ".json")
          : null;
      running.push(new StreamPoller(mapping, model.streamTable(mapping).tableName(),
          functions.get(mapping.functionLogicalId()), dynamo, streams, destinations, checkpoints).start());
    }
  }

  /** The endpoint an engine serves under {@code key} in stack.json, or null when none does. */
  private URI endpoint(String key) {
    return engines.stream().map(e -> e.endpoints().get(key)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  /**
   * SQS (ElasticMQ) with the template's queues, then SNS with its topics and subscriptions,
   * delivering into those queues.
   */
  private void startMessaging(EnginePorts ports) throws Exception {
    int sqsPort = ports.choose(SqsEngine.ENDPOINT, options.sqsPort(), "--sqs-port");
    sqs = started(options.sqsPort(), "--sqs-port", () -> SqsEngine.start(
        state.persistent() ? state.sqs() : null, sqsPort, REGION, ACCOUNT_ID));
    try (SqsClient client = sqsClient()) {
      sqs.createQueues(model.queues().values(), client);
    }
    snsDeliveryClient = sqsClient();
    running.push(snsDeliveryClient); // closed after SNS stops delivering
    int snsPort = ports.choose(SnsEngine.ENDPOINT, 0, "");
    sns = started(0, "", () -> SnsEngine.start(state.persistent() ? state.snsTopics() : null,
        snsPort, credentials.accessKeyId(), credentials.secretAccessKey(), REGION, ACCOUNT_ID, snsDeliveryClient));
    sns.createFromTemplate(model.topics().values(), model.subscriptions().values());
  }

  /**
   * IoT Core's control and data plane APIs, on the registry and the broker. Not in stack.json: the
   * contract's key list has no IoT API (instruments speak MQTT); the functions find it in their
   * environment, tests through {@link #iotEndpoint()}.
   */
  private void startIotApi(EnginePorts ports) throws Exception {
    int port = ports.choose(IotApiEngine.PORT_KEY, 0, "");
    iotApi = started(0, "", () -> IotApiEngine.start(port, credentials.accessKeyId(), credentials.secretAccessKey(),
        REGION, ACCOUNT_ID, iot, mqtt.policy()::publish));
  }

  /**
   * KMS for the template's signing keys, their key pairs kept in the state directory. Not in
   * stack.json: the contract's key list has no KMS endpoint (only the digest function signs); the
   * functions find it in their environment, tests through {@link #kmsEndpoint()}.
   */
  private void startKms(EnginePorts ports) throws Exception {
    int port = ports.choose(KmsEngine.PORT_KEY, 0, "");
    kms = started(0, "", () -> KmsEngine.start(state.kmsKeys(), port, credentials.accessKeyId(),
        credentials.secretAccessKey(), REGION, ACCOUNT_ID, model.kmsKeys().values(), model.kmsAliases().values()));
  }

  /** One poller per SQS event source of the template. */
  private void startSqsPollers() {
    for (var mapping : model.sqsMappings()) {
      String queueUrl = model.queues().values().stream()
          .filter(q -> q.arn().equals(mapping.queueArn())).findFirst().orElseThrow().url();
      running.push(new SqsPoller(mapping, queueUrl, functions.get(mapping.functionLogicalId()), sqsClient(), REGION));
    }
  }

  private interface EngineStart<E extends Engine> {
    E start() throws Exception;
  }

  /**
   * Starts an engine and keeps it for stopping. A port pinned by {@code flag} that was taken
   * meanwhile (or only on another interface) is named with its flag.
   */
  private <E extends Engine> E started(int pinnedPort, String flag, EngineStart<E> start) throws Exception {
    E engine;
    try {
      engine = start.start();
    } catch (Exception e) {
      if (pinnedPort != 0 && PortInUseException.isBindFailure(e)) {
        throw new PortInUseException(pinnedPort, flag, e);
      }
      throw e;
    }
    running.push(engine);
    engines.add(engine);
    return engine;
  }

  private void writeStackJson() throws IOException {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("api", api().toString());
    for (Engine engine : engines) {
      engine.endpoints().forEach((key, uri) -> info.put(key, uri.toString()));
    }
    if (engines.contains(mqtt)) {
      info.put("caCertPem", ca.certificatePem()); // what instruments verify the broker with
    }
    info.put("region", REGION);
    info.put("accessKeyId", credentials.accessKeyId());
    info.put("secretAccessKey", credentials.secretAccessKey());
    info.put("persistent", state.persistent());
    info.put("resources", model.physicalNames());
    info.put("awsSide", model.awsSide());
    Files.writeString(state.stackJson(), Json.instance().write(info), StandardCharsets.UTF_8);
  }

  public URI api() {
    return gateway.baseUri();
  }

  public URI s3Endpoint() {
    return s3.endpoint();
  }

  public URI dynamoDbEndpoint() {
    return dynamoDb.endpoint();
  }

  /** The template's schedules; tests move its time forward. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The IoT control plane's endpoint (what functions get as AWS_ENDPOINT_URL_IOT). */
  public URI iotEndpoint() {
    return iotApi.endpoint();
  }

  /** The IoT data plane's endpoint (what functions get as AWS_ENDPOINT_URL_IOT_DATA_PLANE). */
  public URI iotDataEndpoint() {
    return iotApi.dataEndpoint();
  }

  /** The local KMS's endpoint (what functions get as AWS_ENDPOINT_URL_KMS). */
  public URI kmsEndpoint() {
    return kms.endpoint();
  }

  /** The MQTT broker's endpoint ({@code mqtts://127.0.0.1:<port>}). */
  public URI mqttEndpoint() {
    return mqtt.endpoint();
  }

  /** The MQTT broker, for what the IoT data plane and rules do through it. */
  public MqttEngine mqtt() {
    return mqtt;
  }

  /** The local IoT registry of things and certificates. */
  public IotRegistry iot() {
    return iot;
  }

  /** The local CA, which signs the broker's and the instruments' certificates. */
  public LocalCa ca() {
    return ca;
  }

  public URI sqsEndpoint() {
    return sqs.endpoint();
  }

  public URI snsEndpoint() {
    return sns.endpoint();
  }

  /** The SNS engine, for its test switches ({@link SnsEngine#failPublishes(boolean)}). */
  public SnsEngine sns() {
    return sns;
  }

  /** The environment the local stack gives a function of the template (by logical id). */
  public Map<String, String> functionEnvironment(String logicalId) {
    FunctionHost host = functions.get(logicalId);
    if (host == null) {
      throw new IllegalArgumentException("no function " + logicalId);
    }
    return host.environment();
  }

  public StackModel model() {
    return model;
  }

  public TokenIssuer issuer() {
    return issuer;
  }

  public boolean persistent() {
    return state.persistent();
  }

  /** Why data is kept in memory only, or null when it persists. */
  public String ephemeralReason() {
    return state.ephemeralReason();
  }

  public java.nio.file.Path stateDir() {
    return state.path();
  }

  /** A client for the local DynamoDB, with the stack's credentials. */
  public DynamoDbClient dynamoDbClient() {
    return DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(REGION))
        .credentialsProvider(credentialsProvider())
        .endpointOverride(dynamoDb.endpoint())
        .build();
  }

  /** A client for the local S3 server, with the stack's credentials. */
  public S3Client s3Client() {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(REGION))
        .credentialsProvider(credentialsProvider())
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .build();
  }

  /** A client for the local SQS, with the stack's credentials. */
  public SqsClient sqsClient() {
    return SqsClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(REGION))
        .credentialsProvider(credentialsProvider())
        .endpointOverride(sqs.endpoint())
        .build();
  }

  /** A client for the local SNS, with the stack's credentials. */
  public SnsClient snsClient() {
    return SnsClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(REGION))
        .credentialsProvider(credentialsProvider())
        .endpointOverride(sns.endpoint())
        .build();
  }

  /** A client for the local IoT control plane, with the stack's credentials. */
  public software.amazon.awssdk.services.iot.IotClient iotClient() {
    return software.amazon.awssdk.services.iot.IotClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(REGION))
        .credentialsProvider(credentialsProvider())
        .endpointOverride(iotApi.endpoint())
        .build();
  }

  /** A client for the local IoT data plane, with the stack's credentials. */
  public software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient iotDataClient() {
    return software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(REGION))
        .credentialsProvider(credentialsProvider())
        .endpointOverride(iotApi.dataEndpoint())
        .build();
  }

  /** A client for the local KMS, with the stack's credentials. */
  public software.amazon.awssdk.services.kms.KmsClient kmsClient() {
    return software.amazon.awssdk.services.kms.KmsClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(REGION))
        .credentialsProvider(credentialsProvider())
        .endpointOverride(kms.endpoint())
        .build();
  }

  private StaticCredentialsProvider credentialsProvider() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
  }

  /** Stops the S3 server alone, as an outage would (for health checks). */
  public void stopS3() throws Exception {
    running.remove(s3);
    engines.remove(s3);
    s3.close();
  }

  @Override
  public void close() {
    // the broker takes seconds to stop: it stops while everything else does, and is waited for
    // before the state directory is let go (a next start may take its port at once)
    MqttEngine broker = mqtt;
    if (broker != null) {
      broker.beginStop();
    }
    while (!running.isEmpty()) {
      AutoCloseable part = running.pop();
      if (part == broker) {
        continue;
      }
      if (part == state && broker != null) {
        broker.close();
        broker = null;
      }
      try {
        part.close();
      } catch (Exception e) {
        System.err.println("LabVault local stack: error while stopping: " + e);
      }
    }
    if (broker != null) {
      broker.close();
    }
  }
}
