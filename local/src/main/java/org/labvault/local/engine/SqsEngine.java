package org.labvault.local.engine;

import java.net.URI;
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

/**
 * SQS: ElasticMQ in this JVM on 127.0.0.1, with the template's queues.
 *
 * <p>Queue URLs are the ones SQS gives ({@code https://sqs.<region>.amazonaws.com/<account>/<name>}),
 * not {@code http://127.0.0.1:<port>/...}: ElasticMQ is told to build them from that address, so
 * a URL is known when the template is read (before the port is), and stays the same across
 * restarts on another port. Clients reach the queues through the endpoint ({@code --endpoint-url},
 * {@code AWS_ENDPOINT_URL_SQS}); ElasticMQ finds a queue by the name at the end of its URL.
 *
 * <p>ElasticMQ does not check request signatures, and keeps queues and messages in memory: a
 * restart recreates the template's queues empty.
 */
public final class SqsEngine implements Engine {

  /** Its key in stack.json. */
  public static final String ENDPOINT = "sqsEndpoint";

  private final SQSRestServer server;
  private final int port;

  private SqsEngine(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** The URL SQS gives queue {@code name}. */
  public static String queueUrl(String region, String accountId, String name) {
    return "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + name;
  }

  /**
   * Starts ElasticMQ.
   *
   * @param port its port on 127.0.0.1, or 0 for any free one
   */
  public static SqsEngine start(int port, String region, String accountId) {
    int chosen = port != 0 ? port : FreePort.pick();
    SQSRestServer server = SQSRestServerBuilder
        .withInterface("127.0.0.1")
        .withPort(chosen)
        .withServerAddress(NodeAddress.apply("https", "sqs." + region + ".amazonaws.com", 443, ""))
        .withAWSRegion(region)
        .withAWSAccountId(accountId)
        .start();
    try {
      server.waitUntilStarted();
    } catch (RuntimeException e) {
      server.stopAndWait();
      throw e;
    }
    return new SqsEngine(server, chosen);
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
   * (SQS wants the target to exist).
   */
  public void createQueues(Collection<Messaging.Queue> queues, SqsClient sqs) {
    for (Messaging.Queue queue : inCreationOrder(queues)) {
      Map<QueueAttributeName, String> attributes = new java.util.LinkedHashMap<>();
      queue.attributes().forEach((name, value) -> attributes.put(QueueAttributeName.fromValue(name), value));
      sqs.createQueue(r -> r.queueName(queue.queueName()).attributes(attributes));
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
    server.stopAndWait();
  }
}
