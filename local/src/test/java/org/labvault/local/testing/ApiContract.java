package org.labvault.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.labvault.shared.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API document (openapi.yaml) as a check on every answer a test receives: the route's operation
 * must document the status, and the body must match the schema documented for it. Read once per
 * JVM; each schema is built the first time an answer needs it.
 */
public final class ApiContract {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private final List<Route> routes;
  private final ObjectNode components;
  private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  /** 2020-12 treats {@code format} as a note; a date-time or uri that is not one must fail the check. */
  private static final SchemaValidatorsConfig ASSERTING_FORMATS =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private final Map<JsonNode, JsonSchema> built = Collections.synchronizedMap(new IdentityHashMap<>());

  /** One documented path: its template, as a pattern over raw paths, and its operations by method. */
  private record Route(String template, Pattern pattern, int parameters, Map<String, JsonNode> operations) {}

  private ApiContract(JsonNode document) {
    List<Route> found = new ArrayList<>();
    document.path("paths").properties().forEach(path -> {
      Map<String, JsonNode> operations = new HashMap<>();
      path.getValue().properties().stream().filter(e -> METHODS.contains(e.getKey()))
          .forEach(e -> operations.put(e.getKey().toUpperCase(Locale.ROOT), e.getValue()));
      String template = path.getKey();
      int parameters = template.split("\\{", -1).length - 1;
      found.add(new Route(template, patternOf(template), parameters, Map.copyOf(operations)));
    });
    // a literal segment is a better match than a parameter
    found.sort(Comparator.comparingInt(Route::parameters));
    this.routes = List.copyOf(found);
    this.components = (ObjectNode) document.path("components");
  }

  private static final class Holder {
    static final ApiContract INSTANCE = new ApiContract(read(Stacks.root().resolve("openapi.yaml")));
  }

  /** The repository's document, read once. */
  public static ApiContract instance() {
    return Holder.INSTANCE;
  }

  static JsonNode read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return Json.instance().mapper().valueToTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Pattern patternOf(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  /**
   * Checks one answer of the API against the document. Routes the document does not have (the
   * local stack's own /local routes, unknown paths) are not checked.
   *
   * @param rawPath the request's path, without the query
   * @throws AssertionError naming the route, the status and what does not match
   */
  public void check(String method, String rawPath, int status, String contentType, String body) {
    Optional<Route> route = routes.stream().filter(r -> r.pattern().matcher(rawPath).matches()).findFirst();
    JsonNode operation = route.map(r -> r.operations().get(method)).orElse(null);
    if (operation == null) {
      return;
    }
    String where = method + " " + route.get().template() + " answered " + status;
    JsonNode response = resolve(operation.path("responses").path(String.valueOf(status)));
    if (response.isMissingNode()) {
      throw new AssertionError(where + ", a status openapi.yaml does not document for it: " + body);
    }
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (body != null && !body.isEmpty()) {
        throw new AssertionError(where + " with a body where openapi.yaml documents none: " + body);
      }
      return;
    }
    String mediaType = contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    JsonNode documented = mediaType == null ? null : content.get(mediaType);
    if (documented == null) {
      throw new AssertionError(where + " as " + contentType + "; openapi.yaml documents "
          + String.join(", ", (Iterable<String>) content::fieldNames) + ": " + body);
    }
    JsonNode value;
    try {
      value = Json.instance().mapper().readTree(body == null ? "" : body);
    } catch (IOException e) {
      throw new AssertionError(where + " with a body that is not JSON: " + body, e);
    }
    if (value == null || value.isMissingNode()) {
      throw new AssertionError(where + " with no body where openapi.yaml documents one");
    }
    Set<ValidationMessage> errors = schemaOf(documented.path("schema")).validate(value);
    if (!errors.isEmpty()) {
      throw new AssertionError(where + " with a body that does not match openapi.yaml: "
          + errors.stream().map(ValidationMessage::toString).sorted().collect(Collectors.joining("; "))
          + "\nbody: " + body);
    }
  }

  /** A response given by {@code $ref} to components/responses. */
  private JsonNode resolve(JsonNode response) {
    String ref = response.path("$ref").asText(null);
    if (ref == null) {
      return response;
    }
    return components.path("responses").path(ref.substring(ref.lastIndexOf('/') + 1));
  }

  /** The schema with the document's components beside it, so that its {@code $ref}s resolve. */
  private JsonSchema schemaOf(JsonNode schema) {
    return built.computeIfAbsent(schema, s -> {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      root.set("components", components);
      root.putArray("allOf").add(s);
      return schemas.getSchema(root, ASSERTING_FORMATS);
    });
  }
}
