package org.labvault.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.EventSource;
import org.labvault.local.template.Model;
import org.labvault.shared.json.Json;

class S3EventDeliveryTest {

  /** Records the events it gets; fails the first {@link #FAILURES} calls. */
  public static final class Recorder implements RequestStreamHandler {
    static final BlockingQueue<JsonNode> EVENTS = new LinkedBlockingQueue<>();
    static final AtomicInteger CALLS = new AtomicInteger();
    static final AtomicInteger FAILURES = new AtomicInteger();

    public Recorder(Map<String, String> env) {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
      CALLS.incrementAndGet();
      if (FAILURES.getAndDecrement() > 0) {
        throw new IllegalStateException("not now");
      }
      EVENTS.add(Json.instance().mapper().readTree(input));
    }
  }

  @BeforeEach
  void reset() {
    Recorder.EVENTS.clear();
    Recorder.CALLS.set(0);
    Recorder.FAILURES.set(0);
  }

  private static S3EventDelivery delivery(FunctionHost host) {
    return delivery(host, "s3:ObjectCreated:*");
  }

  private static S3EventDelivery delivery(FunctionHost host, String eventType) {
    var notification = new EventSource.S3Notification("Fn", "Landed", "Bucket", List.of(eventType), "in/", "");
    return new S3EventDelivery(List.of(new S3EventDelivery.Target(notification, "data", host)), "eu-west-1", "111122223333");
  }

  private static FunctionHost host() {
    return new FunctionHost(new Model.Function("Fn", "stack-Fn", Recorder.class.getName(), "handleRequest", "java21", 512, 3,
        Map.of(), List.of(), List.of()), Map.of(), "arn");
  }

  @Test
  void aMatchingObject_shouldArriveAsTheEventS3SendsToLambda() throws Exception {
    try (var host = host(); var delivery = delivery(host)) {
      delivery.created("data", "ObjectCreated:Put", "in/run 42+final.csv", 10, "abc", "v1");
      JsonNode event = Recorder.EVENTS.poll(5, TimeUnit.SECONDS);
      assertThat(event).isNotNull();
      JsonNode record = event.path("Records").get(0);
      assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
      assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
      assertThat(record.path("awsRegion").asText()).isEqualTo("eu-west-1");
      assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
      assertThat(record.at("/s3/configurationId").asText()).isEqualTo("Landed");
      assertThat(record.at("/s3/bucket/name").asText()).isEqualTo("data");
      assertThat(record.at("/s3/bucket/arn").asText()).isEqualTo("arn:aws:s3:::data");
      // keys are URL-encoded as S3 does: a space as +, a + as %2B, slashes kept
      assertThat(record.at("/s3/object/key").asText()).isEqualTo("in/run+42%2Bfinal.csv");
      assertThat(record.at("/s3/object/size").asLong()).isEqualTo(10);
      assertThat(record.at("/s3/object/eTag").asText()).isEqualTo("abc");
      assertThat(record.at("/s3/object/versionId").asText()).isEqualTo("v1");
      assertThat(record.at("/s3/object/sequencer").asText()).matches("[0-9A-F]+");
    }
  }

  @Test
  void otherBucketsAndKeysOutsideTheFilter_shouldInvokeNothing() throws Exception {
    try (var host = host(); var delivery = delivery(host)) {
      delivery.created("other", "ObjectCreated:Put", "in/a", 1, "e", null);
      delivery.created("data", "ObjectCreated:Put", "out/a", 1, "e", null);
      assertThat(Recorder.EVENTS.poll(500, TimeUnit.MILLISECONDS)).isNull();
      assertThat(Recorder.CALLS.get()).isZero();
    }
  }

  @Test
  void aCopy_shouldInvokeNothingWhenOnlyPutsAreAskedFor() throws Exception {
    try (var host = host(); var delivery = delivery(host, "s3:ObjectCreated:Put")) {
      delivery.created("data", "ObjectCreated:Copy", "in/a", 1, "e", "v1");
      assertThat(Recorder.EVENTS.poll(500, TimeUnit.MILLISECONDS)).isNull();
      delivery.created("data", "ObjectCreated:Put", "in/a", 1, "e", "v2");
      assertThat(Recorder.EVENTS.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void aFailingFunction_shouldBeRetriedTwiceLikeLambdaDoes() throws Exception {
    Recorder.FAILURES.set(2);
    try (var host = host(); var delivery = delivery(host)) {
      delivery.created("data", "ObjectCreated:CompleteMultipartUpload", "in/a", 1, "e", null);
      JsonNode event = Recorder.EVENTS.poll(10, TimeUnit.SECONDS);
      assertThat(event).isNotNull();
      assertThat(event.at("/Records/0/eventName").asText()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
      assertThat(event.at("/Records/0/s3/object/versionId").isMissingNode()).isTrue();
      assertThat(Recorder.CALLS.get()).isEqualTo(3);
    }
  }

  @Test
  void aFunctionThatKeepsFailing_shouldGetThreeCallsAndNoMore() throws Exception {
    Recorder.FAILURES.set(100);
    try (var host = host(); var delivery = delivery(host)) {
      delivery.created("data", "ObjectCreated:Put", "in/a", 1, "e", null);
      assertThat(Recorder.EVENTS.poll(4500, TimeUnit.MILLISECONDS)).isNull();
      assertThat(Recorder.CALLS.get()).isEqualTo(3);
    }
  }
}
