package org.labvault.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;

/** Test data written as JSON with single quotes. */
final class Fixtures {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  static JsonNode json(String singleQuoted) {
    try {
      return MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Map<String, AttributeValue> item(String singleQuoted) {
    return AttributeValueJson.readItem(json(singleQuoted));
  }

  static AttributeValue value(String singleQuoted) {
    return AttributeValueJson.read(json(singleQuoted));
  }

  /** Names as "#a=a,#b=b" (or null) and values as a JSON item of :refs (or null). */
  static ExpressionContext ctx(String names, String values) {
    Map<String, String> n = null;
    if (names != null) {
      n = new LinkedHashMap<>();
      for (String pair : names.split(",")) {
        String[] kv = pair.split("=", 2);
        n.put(kv[0], kv[1]);
      }
    }
    return new ExpressionContext(n, values == null ? null : item(values));
  }

  static ExpressionContext values(String values) {
    return ctx(null, values);
  }

  static ExpressionContext none() {
    return ctx(null, null);
  }
}
