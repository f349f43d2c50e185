package org.labvault.backup.snapshot.adapter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One DynamoDB item as one line of DynamoDB JSON, and back. The line is canonical (names sorted at
 * every level, set members sorted, no whitespace), so the same item always gives the same bytes
 * whatever order the table returns its attributes in: snapshots can then be hashed and compared.
 * Numbers stay the text DynamoDB returned; binaries are base64.
 */
public final class ItemJson {

  private static final ObjectMapper MAPPER = Json.instance().mapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private ItemJson() {}

  /** The canonical line of an item (no line break). */
  public static String toLine(Map<String, AttributeValue> item) {
    var out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writeMap(json, item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The item a line holds. @throws IllegalArgumentException when the line is not an item */
  public static Map<String, AttributeValue> fromLine(String line) {
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not DynamoDB JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not DynamoDB JSON: an item is an object");
    }
    return readMap(root);
  }

  private static void writeMap(JsonGenerator json, Map<String, AttributeValue> map) throws IOException {
    json.writeStartObject();
    for (var entry : new TreeMap<>(map).entrySet()) {
      json.writeFieldName(entry.getKey());
      writeValue(json, entry.getValue());
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, AttributeValue value) throws IOException {
    json.writeStartObject();
    switch (value.type()) {
      case S -> json.writeStringField("S", value.s());
      case N -> json.writeStringField("N", value.n());
      case B -> json.writeStringField("B", base64(value.b()));
      case BOOL -> json.writeBooleanField("BOOL", value.bool());
      case NUL -> json.writeBooleanField("NULL", true);
      case SS -> writeSorted(json, "SS", value.ss());
      case NS -> writeSorted(json, "NS", value.ns());
      case BS -> writeSorted(json, "BS", value.bs().stream().map(ItemJson::base64).toList());
      case M -> {
        json.writeFieldName("M");
        writeMap(json, value.m());
      }
      case L -> {
        json.writeArrayFieldStart("L");
        for (AttributeValue element : value.l()) {
          writeValue(json, element);
        }
        json.writeEndArray();
      }
      default -> throw new IllegalArgumentException("attribute value of an unknown type: " + value);
    }
    json.writeEndObject();
  }

  private static void writeSorted(JsonGenerator json, String type, List<String> members) throws IOException {
    json.writeArrayFieldStart(type);
    for (String member : members.stream().sorted().toList()) {
      json.writeString(member);
    }
    json.writeEndArray();
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }

  private static Map<String, AttributeValue> readMap(JsonNode object) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    object.properties().forEach(field -> map.put(field.getKey(), readValue(field.getKey(), field.getValue())));
    return map;
  }

  private static AttributeValue readValue(String name, JsonNode node) {
    if (!node.isObject() || node.size() != 1) {
      throw new IllegalArgumentException("attribute " + name + " is not one typed DynamoDB value");
    }
    var field = node.properties().iterator().next();
    JsonNode v = field.getValue();
    return switch (field.getKey()) {
      case "S" -> AttributeValue.fromS(text(name, v));
      case "N" -> AttributeValue.fromN(text(name, v));
      case "B" -> AttributeValue.fromB(bytes(name, v));
      case "BOOL" -> AttributeValue.fromBool(bool(name, v));
      case "NULL" -> AttributeValue.fromNul(bool(name, v));
      case "SS" -> AttributeValue.fromSs(list(name, v, n -> text(name, n)));
      case "NS" -> AttributeValue.fromNs(list(name, v, n -> text(name, n)));
      case "BS" -> AttributeValue.fromBs(list(name, v, n -> bytes(name, n)));
      case "M" -> {
        if (!v.isObject()) {
          throw new IllegalArgumentException("attribute " + name + ": M holds an object");
        }
        yield AttributeValue.fromM(readMap(v));
      }
      case "L" -> AttributeValue.fromL(list(name, v, n -> readValue(name, n)));
      default -> throw new IllegalArgumentException("attribute " + name + " has unknown type " + field.getKey());
    };
  }

  private static String text(String name, JsonNode v) {
    if (!v.isTextual()) {
      throw new IllegalArgumentException("attribute " + name + " holds a non-string where DynamoDB JSON has text");
    }
    return v.textValue();
  }

  private static boolean bool(String name, JsonNode v) {
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("attribute " + name + " holds a non-boolean where DynamoDB JSON has one");
    }
    return v.booleanValue();
  }

  private static SdkBytes bytes(String name, JsonNode v) {
    try {
      return SdkBytes.fromByteArray(Base64.getDecoder().decode(text(name, v)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("attribute " + name + " holds a binary that is not base64");
    }
  }

  private static <T> List<T> list(String name, JsonNode v, Function<JsonNode, T> element) {
    if (!v.isArray()) {
      throw new IllegalArgumentException("attribute " + name + " holds a non-array where DynamoDB JSON has one");
    }
    List<T> out = new ArrayList<>(v.size());
    v.forEach(n -> out.add(element.apply(n)));
    return out;
  }
}
