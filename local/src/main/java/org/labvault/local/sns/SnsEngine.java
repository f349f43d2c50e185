package org.labvault.local.sns;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.labvault.dynamodb.server.Credentials;
import org.labvault.dynamodb.server.SigV4Check;
import org.labvault.local.engine.Engine;
import org.labvault.local.template.Messaging;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SNS on 127.0.0.1: topics, sqs subscriptions with filter policies and raw delivery, Publish and
 * PublishBatch delivering into the local SQS. Topics and subscriptions persist in a small JSON
 * file when the state does; messages are handed to SQS at once, so SQS holds them from then on.
 */
public final class SnsEngine implements Engine {

  /** Its key in stack.json. */
  public static final String ENDPOINT = "snsEndpoint";

  private final SnsServer server;
  private final SnsActions actions;
  private final SqsDelivery delivery;

  private SnsEngine(SnsServer server, SnsActions actions, SqsDelivery delivery) {
    this.server = server;
    this.actions = actions;
    this.delivery = delivery;
  }

  /**
   * Starts the endpoint.
   *
   * @param stateFile where topics and subscriptions persist, or null to keep them in memory
   * @param sqs the client deliveries go through (the local SQS); the engine does not close it
   * @param port its port on 127.0.0.1, or 0 for any free one
   */
  public static SnsEngine start(Path stateFile, int port, String accessKeyId, String secretAccessKey, String region,
      String accountId, SqsClient sqs) throws java.io.IOException {
    TopicRegistry registry = TopicRegistry.open(stateFile);
    SqsDelivery delivery = new SqsDelivery(sqs, region);
    SnsActions actions = new SnsActions(registry, delivery, region, accountId, Clock.systemUTC());
    try {
      SnsServer server = SnsServer.start(port,
          new SigV4Check(new Credentials(accessKeyId, secretAccessKey), "sns"), actions);
      return new SnsEngine(server, actions, delivery);
    } catch (java.io.IOException | RuntimeException e) {
      delivery.close();
      throw e;
    }
  }

  public URI endpoint() {
    return server.endpoint();
  }

  @Override
  public String name() {
    return "SNS";
  }

  @Override
  public Map<String, URI> endpoints() {
    return Map.of(ENDPOINT, endpoint());
  }

  /**
   * Creates the template's topics and subscriptions (a kept subscription of the same queue takes
   * the template's attributes).
   *
   * @throws SnsError when one is refused (e.g. an invalid filter policy)
   */
  public void createFromTemplate(Collection<Messaging.Topic> topics, Collection<Messaging.Subscription> subscriptions) {
    for (Messaging.Topic topic : topics) {
      actions.createTopic(topic.topicName(), new java.util.LinkedHashMap<>(topic.attributes()));
    }
    for (Messaging.Subscription s : subscriptions) {
      actions.subscribe(s.topicArn(), s.protocol(), s.endpoint(), s.attributes(), true);
    }
  }

  /**
   * Subscribes a function of the template to a topic, as its {@code SNS} event source declares:
   * each message the filter policy lets through calls {@code invoke} with the event SNS sends to
   * Lambda (asynchronous invocation: the caller's invoker retries).
   */
  public void subscribeFunction(String topicArn, String functionArn, Map<String, String> attributes,
      java.util.function.Consumer<byte[]> invoke) {
    actions.function(functionArn, invoke);
    actions.subscribe(topicArn, "lambda", functionArn, new java.util.LinkedHashMap<>(attributes), true);
  }

  /**
   * For tests of callers' retries: while on, Publish and PublishBatch answer 500 InternalError,
   * as SNS does in an outage.
   */
  public void failPublishes(boolean fail) {
    actions.failPublishes(fail);
  }

  @Override
  public void close() {
    server.close();
    delivery.close();
  }
}
