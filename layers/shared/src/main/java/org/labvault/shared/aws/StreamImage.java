package org.labvault.shared.aws;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;

/**
 * An item image of the table's stream, as Lambda delivers it, read by the attribute names the
 * item mappers define (the stream's value type is the Lambda event model's, not the SDK's).
 */
public record StreamImage(Map<String, AttributeValue> attributes) {

  /** The image, or null when the record has none (an insert has no old image). */
  public static StreamImage of(Map<String, AttributeValue> attributes) {
    return attributes == null ? null : new StreamImage(attributes);
  }

  /** A string attribute, or null when it is missing or not a string. */
  public String text(String name) {
    AttributeValue v = attributes.get(name);
    return v == null ? null : v.getS();
  }

  /** A string attribute the item always has; a record without it is not one this code wrote. */
  public String requiredText(String name) {
    String v = text(name);
    if (v == null) {
      throw new IllegalArgumentException("the stream image has no " + name);
    }
    return v;
  }

  /** A whole-number attribute, or {@code absent} when it is missing. */
  public long number(String name, long absent) {
    AttributeValue v = attributes.get(name);
    return v == null || v.getN() == null ? absent : Long.parseLong(v.getN());
  }

  /** A whole-number attribute the item always has. */
  public long requiredNumber(String name) {
    AttributeValue v = attributes.get(name);
    if (v == null || v.getN() == null) {
      throw new IllegalArgumentException("the stream image has no number " + name);
    }
    return Long.parseLong(v.getN());
  }

  public boolean has(String name) {
    return attributes.get(name) != null;
  }
}
