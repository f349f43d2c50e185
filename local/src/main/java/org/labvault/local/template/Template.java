package org.labvault.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** template.yaml as read from disk, before anything is resolved. */
public final class Template {

  private final Path file;
  private final Map<String, Object> document;

  private Template(Path file, Map<String, Object> document) {
    this.file = file;
    this.document = document;
  }

  public static Template load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TemplateException("no template at " + file.toAbsolutePath()
          + " (run from the repository root or pass --template)");
    }
    try {
      return new Template(file, CfnYaml.read(file));
    } catch (IOException e) {
      throw new TemplateException("cannot read " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof TemplateException t) {
        throw t;
      }
      throw new TemplateException("cannot parse " + file + ": " + e.getMessage());
    }
  }

  public Path file() {
    return file;
  }

  public Map<String, Object> section(String name) {
    return map(document.get(name));
  }

  public Map<String, Map<String, Object>> resources() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    section("Resources").forEach((id, def) -> out.put(id, map(def)));
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
