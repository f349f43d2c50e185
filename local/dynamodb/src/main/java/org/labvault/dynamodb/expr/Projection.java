package org.labvault.dynamodb.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.labvault.dynamodb.value.AttributeValue;

/** The attributes a read returns: whole attributes or nested parts, keeping the nesting of what was selected. */
public final class Projection {

  private final List<Path> paths;

  Projection(List<Path> paths) {
    this.paths = List.copyOf(paths);
  }

  /** For the legacy AttributesToGet: top-level names (duplicates are kept once). */
  public static Projection of(List<String> topLevelNames) {
    List<Path> paths = new ArrayList<>();
    for (String name : new LinkedHashSet<>(topLevelNames)) {
      paths.add(Path.of(name));
    }
    return new Projection(paths);
  }

  /** The attributes at these document paths (ReturnValues UPDATED_OLD and UPDATED_NEW). */
  public static Projection ofPaths(List<Path> paths) {
    return new Projection(paths);
  }

  public List<Path> paths() {
    return paths;
  }

  /** The projected copy of the item; paths that do not resolve are skipped. */
  public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Path path : paths) {
      AttributeValue value = path.resolve(item).orElse(null);
      if (value == null) {
        continue;
      }
      insert(result, path.elements(), value);
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    result.forEach((k, v) -> out.put(k, build(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void insert(Map<String, Object> root, List<Object> elements, AttributeValue value) {
    Map<Object, Object> container = (Map<Object, Object>) (Map<?, ?>) root;
    for (int i = 0; i < elements.size(); i++) {
      Object key = elements.get(i);
      if (i == elements.size() - 1) {
        container.put(key, value);
        return;
      }
      Object child = container.get(key);
      if (!(child instanceof Map<?, ?>)) {
        child = newContainer(elements.get(i + 1));
        container.put(key, child);
      }
      container = (Map<Object, Object>) child;
    }
  }

  private static Object newContainer(Object nextElement) {
    return nextElement instanceof Integer ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>();
  }

  private static AttributeValue build(Object node) {
    if (node instanceof AttributeValue v) {
      return v;
    }
    if (node instanceof TreeMap<?, ?> list) {
      List<AttributeValue> values = new ArrayList<>();
      for (Object v : list.values()) {
        values.add(build(v));
      }
      return new AttributeValue.L(values);
    }
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    ((Map<?, ?>) node).forEach((k, v) -> values.put((String) k, build(v)));
    return new AttributeValue.M(values);
  }
}
