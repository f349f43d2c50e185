package org.labvault.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.labvault.local.template.Model;

class FunctionHostTest {

  /** Echoes the route key and the environment it was built with. */
  public static final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final Set<Object> INSTANCES = ConcurrentHashMap.newKeySet();
    private final Map<String, String> env;

    public EchoHandler(Map<String, String> env) {
      this.env = env;
      INSTANCES.add(this);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
      if ("GET /slow".equals(event.getRouteKey())) {
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if ("GET /boom".equals(event.getRouteKey())) {
        throw new IllegalStateException("boom");
      }
      return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
          .withBody(event.getRouteKey() + " " + env.get("GREETING") + " " + context.getFunctionName()).build();
    }
  }

  /** Lambda could build it, the local stack cannot: no environment constructor. */
  public static final class NoEnvironmentHandler implements RequestHandler<Object, Object> {
    @Override
    public Object handleRequest(Object input, Context context) {
      return input;
    }
  }

  private static Model.Function function(Class<?> handler, int timeoutSeconds) {
    return new Model.Function("Fn", "stack-Fn", handler.getName(), "handleRequest", "java21", 512, timeoutSeconds,
        Map.of("GREETING", "hello"), List.of(), List.of());
  }

  private static byte[] event(String routeKey) {
    return ("{\"version\":\"2.0\",\"routeKey\":\"" + routeKey + "\",\"rawPath\":\"/x\",\"isBase64Encoded\":false}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void invoke_shouldDeserialiseTheEventAndPassTheDeclaredEnvironment() throws Exception {
    try (var host = new FunctionHost(function(EchoHandler.class, 3), Map.of("GREETING", "hello"), "arn")) {
      String out = new String(host.invoke(event("GET /x"), "r1"), StandardCharsets.UTF_8);
      assertThat(out).contains("\"statusCode\":200").contains("GET /x hello stack-Fn");
    }
  }

  @Test
  void invoke_shouldReportAThrownExceptionAsAFunctionError_andKeepServing() throws Exception {
    try (var host = new FunctionHost(function(EchoHandler.class, 3), Map.of(), "arn")) {
      assertThatThrownBy(() -> host.invoke(event("GET /boom"), "r1"))
          .isInstanceOfSatisfying(FunctionError.class, e -> {
            assertThat(e.errorType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.payload()).isEqualTo("{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}");
          });
      assertThat(new String(host.invoke(event("GET /x"), "r2"), StandardCharsets.UTF_8)).contains("200");
    }
  }

  @Test
  void invoke_shouldTimeOutAfterTheTemplateTimeout_andDropTheInstance() throws Exception {
    try (var host = new FunctionHost(function(EchoHandler.class, 1), Map.of(), "arn")) {
      host.warmUp();
      int before = EchoHandler.INSTANCES.size();
      long started = System.nanoTime();
      assertThatThrownBy(() -> host.invoke(event("GET /slow"), "r1"))
          .isInstanceOfSatisfying(FunctionError.class, e -> {
            assertThat(e.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(e.getMessage()).isEqualTo("Task timed out after 1.00 seconds");
          });
      assertThat((System.nanoTime() - started) / 1_000_000).isBetween(900L, 3000L);
      host.invoke(event("GET /x"), "r2");
      assertThat(EchoHandler.INSTANCES.size()).as("a fresh instance replaces the timed-out one").isEqualTo(before + 1);
    }
  }

  @Test
  void constructor_shouldNameWhatIsWrongWithTheHandler() {
    assertThatThrownBy(() -> new FunctionHost(function(NoEnvironmentHandler.class, 3), Map.of(), "arn"))
        .hasMessageContaining("needs a public constructor taking the environment map");
    assertThatThrownBy(() -> new FunctionHost(function(String.class, 3), Map.of(), "arn"))
        .hasMessageContaining("implements neither RequestHandler nor RequestStreamHandler");
    var missing = new Model.Function("Fn", "f", "org.example.Missing", "handleRequest", "java21", 128, 3, Map.of(), List.of(), List.of());
    assertThatThrownBy(() -> new FunctionHost(missing, Map.of(), "arn")).hasMessageContaining("not found");
  }
}
