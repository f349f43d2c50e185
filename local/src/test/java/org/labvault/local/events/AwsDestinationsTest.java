package org.labvault.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The production destinations speak SQS's JSON protocol and SNS's query protocol to the endpoints given. */
class AwsDestinationsTest {

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret"));

  /** One request as the fake endpoint saw it: its X-Amz-Target (SQS) and its body. */
  record Seen(String target, String body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void fakeEndpoints() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/sqs", this::sqs);
    server.createContext("/", this::sns);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI endpoint(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void sqs(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(new Seen(target, body));
    String answer;
    if ("AmazonSQS.GetQueueUrl".equals(target)) {
      answer = "{\"QueueUrl\":\"" + endpoint("/sqs/000000000000/failures") + "\"}";
    } else {
      String message = Json.instance().mapper().readTree(body).path("MessageBody").asText();
      answer = "{\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\"" + md5(message) + "\"}";
    }
    respond(exchange, "application/x-amz-json-1.0", answer);
  }

  private void sns(HttpExchange exchange) throws IOException {
    String body = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
        StandardCharsets.UTF_8);
    seen.add(new Seen(null, body));
    respond(exchange, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
        + "<PublishResult><MessageId>m-2</MessageId></PublishResult>"
        + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>");
  }

  private static void respond(HttpExchange exchange, String type, String answer) throws IOException {
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void send_shouldLookTheQueueUpOnce_andSendTheRecordAsTheMessageBody() throws Exception {
    try (var destinations = new AwsDestinations(endpoint("/sqs"), null, "us-east-1", CREDENTIALS)) {
      // when
      destinations.send("arn:aws:sqs:us-east-1:000000000000:failures", "{\"n\":1}");
      destinations.send("arn:aws:sqs:us-east-1:000000000000:failures", "{\"n\":2}");

      // then
      assertThat(seen).extracting(Seen::target)
          .containsExactly("AmazonSQS.GetQueueUrl", "AmazonSQS.SendMessage", "AmazonSQS.SendMessage");
      var lookup = Json.instance().mapper().readTree(seen.get(0).body());
      assertThat(lookup.path("QueueName").asText()).isEqualTo("failures");
      assertThat(lookup.path("QueueOwnerAWSAccountId").asText()).isEqualTo("000000000000");
      assertThat(Json.instance().mapper().readTree(seen.get(2).body()).path("MessageBody").asText()).isEqualTo("{\"n\":2}");
    }
  }

  @Test
  void send_shouldPublishToATopic() {
    try (var destinations = new AwsDestinations(null, endpoint(""), "us-east-1", CREDENTIALS)) {
      destinations.send("arn:aws:sns:us-east-1:000000000000:failures", "{\"n\":1}");
      assertThat(seen).singleElement().satisfies(s -> assertThat(s.body())
          .contains("Action=Publish", "TopicArn=arn:aws:sns:us-east-1:000000000000:failures", "Message={\"n\":1}"));
    }
  }

  @Test
  void send_shouldNameWhatIsMissing_whenNoEndpointRunsOrTheArnIsNoQueueOrTopic() {
    try (var destinations = new AwsDestinations(null, null, "us-east-1", CREDENTIALS)) {
      assertThatThrownBy(() -> destinations.send("arn:aws:sqs:us-east-1:000000000000:failures", "{}"))
          .hasMessage("no local SQS endpoint runs for arn:aws:sqs:us-east-1:000000000000:failures");
      assertThatThrownBy(() -> destinations.send("arn:aws:sns:us-east-1:000000000000:t", "{}"))
          .hasMessage("no local SNS endpoint runs for arn:aws:sns:us-east-1:000000000000:t");
      assertThatThrownBy(() -> destinations.send("arn:aws:lambda:us-east-1:000000000000:function:f", "{}"))
          .hasMessageContaining("neither an SQS queue nor an SNS topic");
      assertThatThrownBy(() -> destinations.send("not-an-arn", "{}")).hasMessageContaining("is not an ARN");
    }
  }
}
