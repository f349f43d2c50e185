package org.labvault.shared.auth;

import java.util.Optional;

/**
 * A resource named in a permission check: {@code group:<id>} or {@code asset:<id>}.
 *
 * @param type what kind of resource
 * @param id its id as given (it may name nothing)
 */
public record ResourceRef(Type type, String id) {

  /** The kinds of resources permissions apply to. */
  public enum Type {
    GROUP("group"),
    ASSET("asset");

    private final String prefix;

    Type(String prefix) {
      this.prefix = prefix;
    }
  }

  public static ResourceRef group(String id) {
    return new ResourceRef(Type.GROUP, id);
  }

  /** Parses {@code type:id}; empty when the type is unknown or the id is missing. */
  public static Optional<ResourceRef> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int colon = text.indexOf(':');
    if (colon < 0 || colon == text.length() - 1) { // an empty prefix names no type
      return Optional.empty();
    }
    String prefix = text.substring(0, colon);
    String id = text.substring(colon + 1);
    for (Type t : Type.values()) {
      if (t.prefix.equals(prefix)) {
        return Optional.of(new ResourceRef(t, id));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return type.prefix + ":" + id;
  }
}
