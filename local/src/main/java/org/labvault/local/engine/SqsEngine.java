package org.labvault.local.engine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.DB;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.Nil$;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.labvault.local.template.Messaging;
import org.labvault.local.template.TemplateException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * SQS: ElasticMQ in this JVM on 127.0.0.1, with the template's queues.
 *
 * <p>Queue URLs are the ones SQS gives ({@code https://sqs.<region>.amazonaws.com/<account>/<name>}),
 * not {@code http://127.0.0.1:<port>/...}: ElasticMQ is told to build them from that address, so
 * a URL is known when the template is read (before the port is), and stays the same across
 * restarts on another port. Clients reach the queues through the endpoint ({@code --endpoint-url},
 * {@code AWS_ENDPOINT_URL_SQS}); ElasticMQ finds a queue by the name at the end of its URL.
 *
 * <p>With a data directory, queues and messages persist in an H2 database there (ElasticMQ's SQL
 * message storage), so a restart finds them as they were; without one they live in memory.
 * ElasticMQ keeps that database in a JVM-wide singleton, so only one persistent SQS runs per JVM
 * at a time; another one started meanwhile keeps its queues in memory. ElasticMQ does not check
 * request signatures.
 */
public final class SqsEngine implements Engine {

  /** Its key in stack.json. */
  public static final String ENDPOINT = "sqsEndpoint";

  private static final AtomicBoolean PERSISTENT_IN_USE = new AtomicBoolean();

  private final SQSRestServer server;
  private final ActorSystem actors;
  private final int port;
  private final boolean persistent;

  private SqsEngine(SQSRestServer server, ActorSystem actors, int port, boolean persistent) {
    this.server = server;
    this.actors = actors;
    this.port = port;
    this.persistent = persistent;
  }

  /** The URL SQS gives queue {@code name}. */
  public static String queueUrl(String region, String accountId, String name) {
    return "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + name;
  }

  /**
   * Starts ElasticMQ.
   *
   * @param dataDir where queues and messages persist, or null to keep them in memory
   * @param port its port on 127.0.0.1, or 0 for any free one
   */
  public static SqsEngine start(Path dataDir, int port, String region, String accountId) throws Exception {
    if (port != 0) {
      return startOn(port, dataDir, region, accountId);
    }
    return startOnFreePort(FreePort::pick, dataDir, region, accountId);
  }

  /** Starts ElasticMQ on a port {@code ports} picks, trying another if that one was taken meanwhile. */
  static SqsEngine startOnFreePort(IntSupplier ports, Path dataDir, String region, String accountId) throws Exception {
    return FreePort.startOnPicked(ports, chosen -> startOn(chosen, dataDir, region, accountId));
  }

  private static SqsEngine startOn(int chosen, Path dataDir, String region, String accountId) throws Exception {
    boolean persistent = dataDir != null && PERSISTENT_IN_USE.compareAndSet(false, true);
    if (dataDir != null && !persistent) {
      System.err.println("LabVault local stack: another persistent SQS runs in this JVM; queues are kept in memory");
    }
    ActorSystem actors = ActorSystem.create("labvault-sqs");
    try {
      var builder = SQSRestServerBuilder
          .withActorSystem(actors)
          .withInterface("127.0.0.1")
          .withPort(chosen)
          .withServerAddress(new AwsAddress(region))
          .withAWSRegion(region)
          .withAWSAccountId(accountId);
      if (persistent) {
        builder = builder.withQueueManagerActor(restoredQueueManager(actors, dataDir));
      }
      SQSRestServer server = builder.start();
      server.waitUntilStarted();
      return new SqsEngine(server, actors, chosen, persistent);
    } catch (Exception | Error e) {
      stop(actors);
      if (persistent) {
        closeDatabase();
        PERSISTENT_IN_USE.set(false);
      }
      throw e;
    }
  }

  /** A queue manager whose queues and messages are stored in (and first read back from) H2 files in {@code dir}. */
  private static ActorRef restoredQueueManager(ActorSystem actors, Path dir) throws Exception {
    Files.createDirectories(dir);
    SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver",
        "jdbc:h2:file:" + dir.toAbsolutePath().resolve("messages"), "", "", false);
    openDatabase(config);
    ActorRef store = actors.actorOf(Props.create(SqlQueuePersistenceActor.class, config, Nil$.MODULE$));
    ActorRef manager = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(), StrictSQSLimits$.MODULE$,
        Option.apply(store)));
    Object restored = Patterns.ask(store, new QueueEvent.Restore(manager), Duration.ofSeconds(60))
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
    if (restored instanceof scala.util.Left<?, ?> errors) {
      throw new IllegalStateException("the SQS queues kept in " + dir + " cannot be restored: " + errors.value()
          + "; start with --fresh to drop them");
    }
    return manager;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public String name() {
    return "SQS";
  }

  @Override
  public Map<String, URI> endpoints() {
    return Map.of(ENDPOINT, endpoint());
  }

  /**
   * Creates the template's queues, each dead-letter queue before the queues that redrive to it
   * (SQS wants the target to exist); a queue kept from an earlier run keeps its messages and takes
   * the template's attributes.
   */
  public void createQueues(Collection<Messaging.Queue> queues, SqsClient sqs) {
    for (Messaging.Queue queue : inCreationOrder(queues)) {
      Map<QueueAttributeName, String> attributes = new java.util.LinkedHashMap<>();
      queue.attributes().forEach((name, value) -> attributes.put(QueueAttributeName.fromValue(name), value));
      try {
        sqs.createQueue(r -> r.queueName(queue.queueName()).attributes(attributes));
      } catch (QueueNameExistsException e) {
        // kept from an earlier run with other settings: the template's settings win
        String url = sqs.getQueueUrl(r -> r.queueName(queue.queueName())).queueUrl();
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(attributes));
      }
    }
  }

  static List<Messaging.Queue> inCreationOrder(Collection<Messaging.Queue> queues) {
    List<Messaging.Queue> ordered = new ArrayList<>();
    Set<String> created = new HashSet<>();
    List<Messaging.Queue> waiting = new ArrayList<>(queues);
    Set<String> known = new HashSet<>();
    queues.forEach(q -> known.add(q.arn()));
    while (!waiting.isEmpty()) {
      List<Messaging.Queue> ready = waiting.stream()
          .filter(q -> q.deadLetterQueueArn() == null || created.contains(q.deadLetterQueueArn())
              || !known.contains(q.deadLetterQueueArn()))
          .toList();
      if (ready.isEmpty()) {
        throw new TemplateException("the queues " + waiting.stream().map(Messaging.Queue::logicalId).toList()
            + " redrive to each other in a cycle");
      }
      ready.forEach(q -> created.add(q.arn()));
      ordered.addAll(ready);
      waiting.removeAll(ready);
    }
    return ordered;
  }

  @Override
  public void close() {
    try {
      server.stopAndWait();
    } finally {
      stop(actors);
      if (persistent) {
        closeDatabase();
        PERSISTENT_IN_USE.set(false);
      }
    }
  }

  /** SQS's own address, which ElasticMQ builds queue URLs from: without the port, as SQS writes them. */
  private static final class AwsAddress extends NodeAddress {
    AwsAddress(String region) {
      super("https", "sqs." + region + ".amazonaws.com", 443, "");
    }

    @Override
    public String hostAndPort() {
      return host();
    }
  }

  private static void stop(ActorSystem actors) {
    try {
      actors.terminate();
      actors.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("LabVault local stack: SQS did not stop cleanly: " + e);
    }
  }

  /**
   * ElasticMQ's store opens its (JVM-wide) connection pool once per JVM; the pool is opened here
   * instead at every start, so that a later start (another state directory, after a stop) gets
   * its own database.
   */
  private static void openDatabase(SqlQueuePersistenceConfig config) throws ClassNotFoundException {
    Class.forName(config.driverClass());
    var pools = scalikejdbc.ConnectionPool$.MODULE$;
    var settings = pools.singleton$default$4();
    pools.singleton(config.uri(), config.username(), config.password(), settings,
        pools.singleton$default$5(config.uri(), config.username(), config.password(), settings));
    DB.initializeSingleton(config); // a no-op after the first time; the first time, the same database
  }

  /** ElasticMQ's store never closes the connection pool; closing it closes the H2 files. */
  private static void closeDatabase() {
    scalikejdbc.ConnectionPool$.MODULE$.closeAll();
  }
}
