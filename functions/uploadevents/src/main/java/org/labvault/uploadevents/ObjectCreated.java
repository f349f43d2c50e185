package org.labvault.uploadevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One "object created" record of an S3 event notification, as Lambda delivers it. S3 sends keys
 * URL-encoded (a space as {@code +}).
 *
 * @param versionId null in a bucket without versioning
 */
record ObjectCreated(String eventName, String bucket, String key, long sizeBytes, String versionId) {

  private static final String SOURCE = "aws:s3";
  private static final String CREATED = "ObjectCreated:";

  /** The object-created records of an S3 event; other records are not ours to handle. */
  static List<ObjectCreated> from(JsonNode event) {
    List<ObjectCreated> out = new ArrayList<>();
    for (JsonNode r : event.path("Records")) {
      if (!SOURCE.equals(r.path("eventSource").asText()) || !r.path("eventName").asText().startsWith(CREATED)) {
        continue;
      }
      JsonNode s3 = r.path("s3");
      JsonNode object = s3.path("object");
      String version = object.path("versionId").asText(null);
      out.add(new ObjectCreated(
          r.path("eventName").asText(),
          s3.path("bucket").path("name").asText(),
          URLDecoder.decode(object.path("key").asText(), StandardCharsets.UTF_8),
          object.path("size").asLong(-1),
          version == null || version.isEmpty() || version.equals("null") ? null : version));
    }
    return out;
  }
}
