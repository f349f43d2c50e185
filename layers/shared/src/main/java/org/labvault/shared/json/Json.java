package org.labvault.shared.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.labvault.shared.error.AppException;
import org.labvault.shared.error.ValidationException;

/**
 * The one JSON mapper, built once per execution environment. Strict on input: unknown fields,
 * duplicate keys, trailing data and silent type coercions are errors that name the field.
 */
public final class Json {

  private static final Json INSTANCE = new Json(build());

  private final ObjectMapper mapper;

  private Json(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public static Json instance() {
    return INSTANCE;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Reads a request body into {@code type}.
   *
   * @throws ValidationException VALIDATION naming the body for syntax errors, or the field for
   *     unknown fields and wrong types
   */
  public <T> T read(String body, Class<T> type) {
    try {
      return mapper.readValue(body, type);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof AppException app) {
        throw app;
      }
      throw ValidationException.field(pathOf(e), "is invalid");
    } catch (UnrecognizedPropertyException e) {
      throw ValidationException.field(pathOf(e), "unknown field");
    } catch (StreamReadException e) {
      throw ValidationException.malformedJson();
    } catch (JsonMappingException e) {
      if (causedBySyntax(e)) {
        throw ValidationException.malformedJson(); // a truncated value inside a field
      }
      throw ValidationException.field(pathOf(e), "has the wrong type or shape");
    } catch (JsonProcessingException e) {
      throw ValidationException.malformedJson();
    }
  }

  /**
   * Reads a request body that must be a JSON object into {@code type}: {@code null}, an array, a
   * string, a number or a boolean is a VALIDATION problem naming {@code body}, never a null request.
   * Every string in it (names too) must be well-formed Unicode: a lone surrogate ({@code "\ud800"})
   * could only be stored as {@code ?}, so it is refused naming the field.
   *
   * @throws ValidationException as {@link #read}, and VALIDATION when the root is not an object or
   *     a string is not well-formed
   */
  public <T> T readObject(String body, Class<T> type) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (StreamReadException e) {
      throw ValidationException.malformedJson();
    } catch (JsonProcessingException e) {
      return read(body, type); // reports the syntax or shape error exactly as read() does
    }
    if (root == null || !root.isObject()) {
      throw ValidationException.field("body", "must be a JSON object");
    }
    requireWellFormed(root, "");
    return read(body, type);
  }

  private static void requireWellFormed(JsonNode node, String path) {
    if (node.isTextual() && !Unicode.isWellFormed(node.textValue())) {
      throw ValidationException.field(path.isEmpty() ? "body" : path, "must be well-formed Unicode (no lone surrogate)");
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        requireWellFormed(node.get(i), path + "[" + i + "]");
      }
    }
    for (var it = node.fields(); node.isObject() && it.hasNext(); ) {
      var field = it.next();
      String name = field.getKey();
      if (!Unicode.isWellFormed(name)) {
        throw ValidationException.field(path.isEmpty() ? "body" : path, "field names must be well-formed Unicode (no lone surrogate)");
      }
      requireWellFormed(field.getValue(), path.isEmpty() ? name : path + "." + name);
    }
  }

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean causedBySyntax(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof StreamReadException) {
        return true;
      }
    }
    return false;
  }

  private static String pathOf(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "body" : path;
  }

  private static ObjectMapper build() {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    // "name": 5 is a type error, not the string "5"
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }
}
