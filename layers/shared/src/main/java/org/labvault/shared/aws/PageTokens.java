package org.labvault.shared.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.shared.error.ValidationException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns DynamoDB's LastEvaluatedKey into an opaque {@code nextToken} and back. A token is only
 * accepted for the partition it was issued for, so a token from another caller's or another group's
 * list is refused with 400 instead of reading that list.
 */
public final class PageTokens {

  private static final char FIELD = '\u001f';
  private static final char PAIR = '\u001e';

  private PageTokens() {}

  /** The token for the page after this one, or null on the last page. */
  public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
    if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
      return null;
    }
    StringBuilder raw = new StringBuilder();
    lastEvaluatedKey.forEach(
        (name, value) -> {
          if (value.s() == null) {
            throw new IllegalArgumentException("only string keys are paged: " + name);
          }
          raw.append(name).append(FIELD).append(value.s()).append(PAIR);
        });
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The start key encoded in {@code token}, which must hold {@code partitionAttribute} equal to
   * {@code expectedPartition}; null when {@code token} is null.
   */
  public static Map<String, AttributeValue> decode(
      String token, String partitionAttribute, String expectedPartition) {
    if (token == null) {
      return null;
    }
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      for (String pair : raw.split(String.valueOf(PAIR))) {
        if (pair.isEmpty()) {
          continue;
        }
        int split = pair.indexOf(FIELD);
        if (split <= 0) {
          throw invalid();
        }
        key.put(pair.substring(0, split), AttributeValue.fromS(pair.substring(split + 1)));
      }
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    AttributeValue partition = key.get(partitionAttribute);
    if (partition == null || !expectedPartition.equals(partition.s())) {
      throw invalid();
    }
    return key;
  }

  private static ValidationException invalid() {
    return ValidationException.field("nextToken", "is not a token this list issued");
  }
}
