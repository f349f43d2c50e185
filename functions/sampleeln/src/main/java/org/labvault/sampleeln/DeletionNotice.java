package org.labvault.sampleeln;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.labvault.shared.json.Json;

/**
 * The parts of an AppLinkDeleted notice this application acts on. Fields it does not know are
 * ignored (LabVault may add some); the ones it needs must be there and well formed.
 */
record DeletionNotice(String linkId, String externalRef, int attempt) {

  static final String TYPE = "AppLinkDeleted";
  /** Link ids go into a URL path: nothing that could leave the segment. */
  private static final Pattern LINK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  /** A message that can never be handled; it ends in the dead-letter queue. */
  static final class Malformed extends RuntimeException {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  static DeletionNotice parse(String body, Json json) {
    JsonNode root;
    try {
      root = json.mapper().readTree(body == null ? "" : body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Malformed("the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Malformed("the body is not a JSON object");
    }
    if (!TYPE.equals(root.path("type").asText(null))) {
      throw new Malformed("type is not " + TYPE);
    }
    String linkId = root.path("linkId").asText(null);
    if (linkId == null || !LINK_ID.matcher(linkId).matches()) {
      throw new Malformed("linkId is missing or not an id");
    }
    String externalRef = root.path("externalRef").asText(null);
    if (externalRef == null || externalRef.isEmpty() || externalRef.length() > 1024) {
      throw new Malformed("externalRef is missing");
    }
    JsonNode attempt = root.path("attempt");
    if (!attempt.canConvertToInt() || attempt.asInt() < 1) {
      throw new Malformed("attempt is not a positive integer");
    }
    return new DeletionNotice(linkId, externalRef, attempt.asInt());
  }
}
