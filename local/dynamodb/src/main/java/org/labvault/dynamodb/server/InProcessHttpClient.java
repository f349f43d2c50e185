package org.labvault.dynamodb.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.labvault.dynamodb.DynamoDb;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that hands each request straight to the engine, without a socket:
 *
 * <pre>{@code
 * DynamoDbClient client = DynamoDbClient.builder()
 *     .httpClient(InProcessHttpClient.of(engine))
 *     .endpointOverride(URI.create("http://in-process"))
 *     .region(Region.US_EAST_1)
 *     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
 *     .build();
 * }</pre>
 *
 * The endpoint's host and path are ignored; answers carry the same headers as the HTTP server's
 * (including {@code x-amz-crc32}, which the SDK checks). Signatures are not checked. Closing the
 * client does not close the engine.
 */
public final class InProcessHttpClient implements SdkHttpClient {

  private final RequestHandler handler;

  private InProcessHttpClient(RequestHandler handler) {
    this.handler = handler;
  }

  public static InProcessHttpClient of(DynamoDb engine) {
    Objects.requireNonNull(engine, "engine");
    return new InProcessHttpClient(RequestHandler.of(engine));
  }

  static InProcessHttpClient of(RequestHandler handler) {
    return new InProcessHttpClient(Objects.requireNonNull(handler, "handler"));
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new Call(request);
  }

  @Override
  public String clientName() {
    return "LabVaultInProcess";
  }

  @Override
  public void close() {
    // nothing held: the engine belongs to the caller
  }

  private final class Call implements ExecutableHttpRequest {
    private final HttpExecuteRequest request;
    private volatile boolean aborted;

    Call(HttpExecuteRequest request) {
      this.request = request;
    }

    @Override
    public HttpExecuteResponse call() throws IOException {
      if (aborted) {
        throw new InterruptedIOException("request aborted");
      }
      SdkHttpRequest http = request.httpRequest();
      if (http.method() != SdkHttpMethod.POST) {
        return health(http.method() == SdkHttpMethod.HEAD);
      }
      byte[] body = readBody(request.contentStreamProvider());
      String target = http.firstMatchingHeader(Wire.TARGET_HEADER).orElse(null);
      DynamoDb.Response response = Wire.dispatch(handler, target, body);
      if (aborted) {
        throw new InterruptedIOException("request aborted");
      }
      SdkHttpResponse.Builder out = SdkHttpResponse.builder()
          .statusCode(response.status())
          .statusText(statusText(response.status()));
      for (Map.Entry<String, String> h : Wire.jsonHeaders(response.body()).entrySet()) {
        out.putHeader(h.getKey(), h.getValue());
      }
      out.putHeader("Content-Length", Integer.toString(response.body().length));
      return HttpExecuteResponse.builder()
          .response(out.build())
          .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
          .build();
    }

    @Override
    public void abort() {
      aborted = true;
    }
  }

  private static HttpExecuteResponse health(boolean head) {
    byte[] body = head ? new byte[0] : Wire.HEALTH_TEXT.getBytes(StandardCharsets.UTF_8);
    SdkHttpResponse response = SdkHttpResponse.builder()
        .statusCode(200)
        .statusText("OK")
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Content-Length", Integer.toString(Wire.HEALTH_TEXT.getBytes(StandardCharsets.UTF_8).length))
        .build();
    return HttpExecuteResponse.builder()
        .response(response)
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
        .build();
  }

  private static byte[] readBody(Optional<ContentStreamProvider> provider) throws IOException {
    if (provider.isEmpty()) {
      return new byte[0];
    }
    try (InputStream in = provider.get().newStream()) {
      return in.readAllBytes();
    }
  }

  private static String statusText(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 413 -> "Request Entity Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "";
    };
  }
}
