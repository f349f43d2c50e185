package org.labvault.dynamodb.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.labvault.dynamodb.DynamoDb;

/** The parts of an HTTP exchange both transports share: headers, checksums and error bodies. */
final class Wire {

  static final String TARGET_HEADER = "X-Amz-Target";
  static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  static final String HEALTH_TEXT = "healthy: labvault-dynamodb\n";
  static final String CORAL = "com.amazon.coral.service#";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

  private Wire() {}

  /** The CRC32 of the body as DynamoDB's {@code x-amz-crc32} header carries it: unsigned decimal. */
  static String crc32(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return Long.toString(crc.getValue());
  }

  /** A request id shaped like DynamoDB's: 52 upper-case letters and digits. */
  static String newRequestId() {
    char[] id = new char[52];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
    }
    return new String(id);
  }

  /** The headers of a JSON answer, in DynamoDB's spelling. */
  static Map<String, String> jsonHeaders(byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.put("x-amz-crc32", crc32(body));
    headers.put("x-amzn-RequestId", newRequestId());
    return headers;
  }

  /** An error answer the transport produces itself, before the engine sees the request. */
  static DynamoDb.Response error(int status, String qualifiedType, String message) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("__type", qualifiedType);
    if (message != null) {
      node.put("message", message);
    }
    try {
      return new DynamoDb.Response(status, MAPPER.writeValueAsBytes(node));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** The engine's answer, or an internal error should the handler misbehave. */
  static DynamoDb.Response dispatch(RequestHandler handler, String target, byte[] body) {
    try {
      DynamoDb.Response response = handler.handle(target, body);
      if (response == null || response.body() == null) {
        return internalError();
      }
      return response;
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
      return internalError();
    }
  }

  static DynamoDb.Response internalError() {
    return error(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error");
  }
}
