package org.labvault.local.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.labvault.shared.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document of the template's API ({@code openapi.yaml} beside template.yaml), as the
 * JSON that {@code GET /local/openapi.json} serves. Read once at start: the answer is the document
 * the stack was started with.
 */
public final class ApiDocument {

  /** The document's file name, beside the template. */
  public static final String FILE_NAME = "openapi.yaml";

  private final byte[] json;

  private ApiDocument(byte[] json) {
    this.json = json;
  }

  /** The document beside {@code template}, or empty when there is none (a template of another API). */
  public static Optional<ApiDocument> besideTemplate(Path template) {
    Path file = template.toAbsolutePath().resolveSibling(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(read(file));
  }

  static ApiDocument read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      // plain YAML: no custom tags, no objects built from the document
      Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return new ApiDocument(Json.instance().mapper().writeValueAsBytes(document));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the API document " + file + ": " + e.getMessage(), e);
    }
  }

  byte[] json() {
    return json.clone();
  }
}
