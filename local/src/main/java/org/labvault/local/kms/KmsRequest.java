package org.labvault.local.kms;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Base64;
import org.labvault.shared.json.Json;

/**
 * One KMS request body (JSON 1.1): its members, read with KMS's own constraints so that bad input
 * is a ValidationException, never a stack trace.
 */
final class KmsRequest {

  private final JsonNode body;

  private KmsRequest(JsonNode body) {
    this.body = body;
  }

  static KmsRequest parse(byte[] json) {
    if (json.length == 0) {
      return new KmsRequest(Json.instance().mapper().createObjectNode());
    }
    try {
      JsonNode node = Json.instance().mapper().readTree(json);
      if (node == null || !node.isObject()) {
        throw new KmsError("SerializationException", 400, "The request body must be a JSON object");
      }
      return new KmsRequest(node);
    } catch (IOException e) {
      throw new KmsError("SerializationException", 400, "The request body is not valid JSON");
    }
  }

  /** A string member that must be present, of {@code min..max} characters. */
  String requiredString(String member, int max) {
    String value = optionalString(member);
    if (value == null) {
      throw KmsError.constraint(member, "null", "Member must not be null");
    }
    if (value.isEmpty() || value.length() > max) {
      throw KmsError.constraint(member, "'" + value + "'",
          "Member must have length between 1 and " + max);
    }
    return value;
  }

  String optionalString(String member) {
    JsonNode value = body.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new KmsError("SerializationException", 400, member + " must be a string");
    }
    return value.asText();
  }

  /** A blob member (base64 in JSON) that must be present, of 1..{@code maxBytes} bytes. */
  byte[] requiredBlob(String member, int maxBytes) {
    String encoded = optionalString(member);
    if (encoded == null) {
      throw KmsError.constraint(member, "null", "Member must not be null");
    }
    byte[] value;
    try {
      value = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new KmsError("SerializationException", 400, member + " is not valid base64");
    }
    if (value.length == 0 || value.length > maxBytes) {
      throw KmsError.constraint(member, "java.nio.HeapByteBuffer[pos=0 lim=" + value.length + "]",
          "Member must have length between 1 and " + maxBytes);
    }
    return value;
  }
}
