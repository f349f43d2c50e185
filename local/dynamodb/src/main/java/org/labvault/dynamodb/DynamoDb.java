package org.labvault.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.labvault.dynamodb.ops.Operation;

/**
 * LabVault's DynamoDB engine, embedded: requests in DynamoDB's JSON protocol in, responses out.
 * The HTTP server and the in-process SDK client both call {@link #handle}. Open it durable on a
 * directory, or in memory for tests; close it to release the files.
 */
public final class DynamoDb implements AutoCloseable {

  public static final String DYNAMODB_PREFIX = "DynamoDB_20120810.";
  public static final String STREAMS_PREFIX = "DynamoDBStreams_20120810.";
  private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** A response: the HTTP status and the JSON body. */
  public record Response(int status, byte[] body) {}

  private final Engine engine;
  private final Map<String, Operation> operations = new HashMap<>();

  private DynamoDb(Engine engine) {
    this.engine = engine;
    engine.register(operations);
  }

  /** A durable engine whose files live in {@code dir} (created if needed). */
  public static DynamoDb open(Path dir) {
    return new DynamoDb(Engine.open(new EngineOptions(dir, Clock.systemUTC(), EngineOptions.DEFAULT_TTL_SWEEP)));
  }

  /** A memory-only engine, for fast tests. */
  public static DynamoDb inMemory() {
    return new DynamoDb(Engine.open(new EngineOptions(null, Clock.systemUTC(), EngineOptions.DEFAULT_TTL_SWEEP)));
  }

  public static DynamoDb open(EngineOptions options) {
    return new DynamoDb(Engine.open(options));
  }

  /**
   * Answers one request. {@code target} is the X-Amz-Target header value, for example
   * {@code DynamoDB_20120810.PutItem}. Never throws: every failure is an error response.
   */
  public Response handle(String target, byte[] body) {
    Operation operation = target == null ? null : operations.get(target);
    if (operation == null) {
      return error(new DynamoDbException("UnknownOperationException", null, 400, null), "com.amazon.coral.service#");
    }
    ObjectNode request;
    try {
      JsonNode parsed = body == null || body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
      if (!(parsed instanceof ObjectNode o)) {
        return error(new DynamoDbException("SerializationException", "Start of structure or map found where not expected", 400, null),
            "com.amazon.coral.service#");
      }
      request = o;
    } catch (IOException e) {
      return error(new DynamoDbException("SerializationException", null, 400, null), "com.amazon.coral.service#");
    }
    try {
      JsonNode result = operation.apply(request);
      return new Response(200, MAPPER.writeValueAsBytes(result == null ? MAPPER.createObjectNode() : result));
    } catch (DynamoDbException e) {
      return error(e, e.type().startsWith("com.amazon") ? "" : ERROR_PREFIX);
    } catch (StackOverflowError e) {
      // an expression nested deeper than the parser's stack: DynamoDB refuses such input too
      return error(DynamoDbException.validation("Invalid expression: the expression is nested too deeply"), ERROR_PREFIX);
    } catch (RuntimeException | JsonProcessingException e) {
      System.getLogger(DynamoDb.class.getName()).log(System.Logger.Level.ERROR, target + " failed", e);
      return error(new DynamoDbException("InternalServerError", "Internal server error", 500, null), ERROR_PREFIX);
    }
  }

  private static Response error(DynamoDbException e, String prefix) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("__type", prefix + e.type());
    if (e.getMessage() != null) {
      body.put("message", e.getMessage());
    }
    if (e.extra() != null) {
      body.setAll(e.extra());
    }
    try {
      return new Response(e.status(), MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** The engine underneath, for the operations of this module. */
  Engine engine() {
    return engine;
  }

  @Override
  public void close() {
    engine.close();
  }
}
