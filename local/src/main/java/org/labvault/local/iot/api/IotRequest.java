package org.labvault.local.iot.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.labvault.shared.json.Json;

/**
 * One REST request to either plane, parsed once: the path's segments and the query's parameters
 * percent-decoded (a topic travels as one segment with its slashes encoded), the headers, the body.
 */
public record IotRequest(String method, List<String> segments, Map<String, String> query,
    Function<String, List<String>> headers, byte[] body) {

  public IotRequest {
    segments = List.copyOf(segments);
    query = Map.copyOf(query);
  }

  /**
   * @throws IotError InvalidRequestException for a malformed percent-encoding
   */
  public static IotRequest parse(String method, String rawPath, String rawQuery,
      Function<String, List<String>> headers, byte[] body) {
    List<String> segments = new ArrayList<>();
    for (String segment : (rawPath == null ? "" : rawPath).split("/")) {
      if (!segment.isEmpty()) {
        segments.add(decode(segment));
      }
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (!pair.isEmpty()) {
          int eq = pair.indexOf('=');
          query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
      }
    }
    return new IotRequest(method, segments, query, headers, body == null ? new byte[0] : body);
  }

  /** Percent-decoding as URIs have it: a {@code +} stays a plus (it is a topic character, not a space). */
  static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw IotError.invalidRequest("malformed percent-encoding: " + s);
        }
        try {
          out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
        } catch (IllegalArgumentException e) {
          throw IotError.invalidRequest("malformed percent-encoding: " + s);
        }
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The query parameter, or null. */
  public String query(String name) {
    return query.get(name);
  }

  /** The first value of the header, or null. */
  public String header(String name) {
    List<String> values = headers.apply(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  /** The body as a JSON object ({@code {}} when empty). */
  public JsonNode json() {
    if (body.length == 0) {
      return Json.instance().mapper().createObjectNode();
    }
    try {
      JsonNode tree = Json.instance().mapper().readTree(body);
      if (tree == null || !tree.isObject()) {
        throw IotError.invalidRequest("the request body must be a JSON object");
      }
      return tree;
    } catch (java.io.IOException e) {
      throw IotError.invalidRequest("the request body is not valid JSON");
    }
  }

  /** A string field of the JSON body; a missing one is IoT's validation error naming it. */
  public String requiredField(String name) {
    JsonNode value = json().get(name);
    if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
      throw IotError.invalidRequest("1 validation error detected: Value null at '" + name
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value.textValue();
  }
}
