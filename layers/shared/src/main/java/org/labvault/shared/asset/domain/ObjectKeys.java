package org.labvault.shared.asset.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Object keys in the data bucket: {@code assets/<tenant>/<groupId>/<assetId>}, chosen by the server
 * and never derived from a client's file name. The tenant is percent-encoded so it cannot add path
 * segments; every function's S3 permissions are scoped to {@link #PREFIX}.
 */
public final class ObjectKeys {
  public static final String PREFIX = "assets/";

  private ObjectKeys() {}

  public static String of(String tenant, String groupId, String assetId) {
    return PREFIX + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/" + groupId + "/" + assetId;
  }

  /** The asset id a key names (its last segment), or null for a key outside the asset layout. */
  public static String assetIdOf(String key) {
    if (key == null || !key.startsWith(PREFIX)) {
      return null;
    }
    String[] parts = key.substring(PREFIX.length()).split("/", -1);
    return parts.length == 3 && !parts[2].isEmpty() ? parts[2] : null;
  }
}
