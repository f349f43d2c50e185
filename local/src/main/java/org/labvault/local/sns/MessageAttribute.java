package org.labvault.local.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Base64;
import org.labvault.shared.json.Json;

/**
 * One SNS message attribute: {@code String}, {@code Number}, {@code Binary} or
 * {@code String.Array} (a JSON array in the string value).
 *
 * @param binaryValue the bytes of a Binary attribute, else null
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

  /**
   * Checks the attribute as SNS does on Publish.
   *
   * @throws SnsError InvalidParameterValue naming the attribute
   */
  public static MessageAttribute checked(String name, String dataType, String stringValue, String binaryBase64) {
    if (name == null || name.isEmpty()) {
      throw SnsError.invalidParameterValue("The message attribute name must not be empty.");
    }
    if (dataType == null || dataType.isEmpty()) {
      throw SnsError.invalidParameterValue("The message attribute '" + name + "' must contain non-empty message attribute type.");
    }
    switch (dataType) {
      case "Binary" -> {
        if (binaryBase64 == null || binaryBase64.isEmpty()) {
          throw SnsError.invalidParameterValue("The message attribute '" + name
              + "' must contain non-empty message attribute value for message attribute type 'Binary'.");
        }
        try {
          return new MessageAttribute(dataType, null, Base64.getDecoder().decode(binaryBase64));
        } catch (IllegalArgumentException e) {
          throw SnsError.invalidParameterValue("The message attribute '" + name + "' has an invalid binary value.");
        }
      }
      case "String", "Number", "String.Array" -> {
        if (stringValue == null || stringValue.isEmpty()) {
          throw SnsError.invalidParameterValue("The message attribute '" + name
              + "' must contain non-empty message attribute value for message attribute type '" + dataType + "'.");
        }
        MessageAttribute attribute = new MessageAttribute(dataType, stringValue, null);
        if (dataType.equals("Number")) {
          try {
            new BigDecimal(stringValue.strip());
          } catch (NumberFormatException e) {
            throw SnsError.invalidParameterValue("Could not cast message attribute '" + name + "' value to number.");
          }
        }
        if (dataType.equals("String.Array") && !attribute.arrayValue().isArray()) {
          throw SnsError.invalidParameterValue("The message attribute '" + name
              + "' with type 'String.Array' must be a JSON array.");
        }
        return attribute;
      }
      default -> throw SnsError.invalidParameterValue("The message attribute '" + name + "' has an invalid message attribute type, "
          + "the set of supported type prefixes is Binary, Number, and String.");
    }
  }

  /** The JSON of a String.Array value; a missing node when it is not JSON. */
  JsonNode arrayValue() {
    try {
      JsonNode node = Json.instance().mapper().readTree(stringValue);
      return node == null ? Json.instance().mapper().missingNode() : node;
    } catch (JsonProcessingException e) {
      return Json.instance().mapper().missingNode();
    }
  }

  /** The value as the SNS envelope writes it: the string, or the bytes in base64. */
  public String envelopeValue() {
    return binaryValue != null ? Base64.getEncoder().encodeToString(binaryValue) : stringValue;
  }
}
