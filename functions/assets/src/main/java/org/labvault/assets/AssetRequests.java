package org.labvault.assets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.asset.domain.UploadPlan;
import org.labvault.shared.asset.port.ObjectStore.UploadedPart;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.validation.MediaTypes;
import org.labvault.shared.validation.Text;

/** The bodies and parameters the Assets routes accept, checked field by field. */
final class AssetRequests {

  static final int MAX_NAME = 255;
  static final int MAX_ETAG = 256;
  private static final int SHA256_BYTES = 32;

  private AssetRequests() {}

  /** {@code POST /groups/{groupId}/assets}: what the client declares about the file it will upload. */
  record CreateAsset(String name, String contentType, Long sizeBytes, String sha256, String classification) {

    /** The declaration, every field checked. */
    Declared checked() {
      return new Declared(
          Text.line("name", name, 1, MAX_NAME),
          MediaTypes.check("contentType", contentType),
          size(sizeBytes),
          AssetRequests.sha256(sha256),
          classification == null ? Classification.DEFAULT : AssetRequests.classification(classification));
    }
  }

  /** A checked declaration. */
  record Declared(String name, String contentType, long sizeBytes, String sha256, Classification classification) {}

  /** {@code PATCH /assets/{assetId}}: a new name and/or classification. */
  record UpdateAsset(String name, Classification classification) {
    static UpdateAsset from(JsonNode body) {
      if (!body.isObject() || body.isEmpty()) {
        throw ValidationException.of("give a name, a classification, or both");
      }
      for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!Set.of("name", "classification").contains(field)) {
          throw ValidationException.field(field, "unknown field");
        }
      }
      String name = body.has("name") ? Text.line("name", string(body, "name"), 1, MAX_NAME) : null;
      Classification c = body.has("classification") ? AssetRequests.classification(string(body, "classification")) : null;
      return new UpdateAsset(name, c);
    }
  }

  /** {@code POST /assets/{assetId}/complete}: the parts as S3 acknowledged them. */
  record Complete(List<Part> parts) {
    record Part(Integer partNumber, String etag) {}

    /** The parts, checked: numbered 1..{@code expected} in order, each with its ETag. */
    List<UploadedPart> checked(int expected) {
      if (parts == null || parts.isEmpty()) {
        throw ValidationException.field("parts", "is required");
      }
      if (parts.size() != expected) {
        throw ValidationException.field("parts", "this upload has " + expected + " parts, not " + parts.size());
      }
      List<UploadedPart> out = new ArrayList<>(parts.size());
      for (int i = 0; i < parts.size(); i++) {
        Part p = parts.get(i);
        String where = "parts[" + i + "]";
        if (p == null || p.partNumber() == null || p.partNumber() != i + 1) {
          throw ValidationException.field(where + ".partNumber", "must be " + (i + 1) + " (parts in order, from 1)");
        }
        String etag = p.etag() == null ? null : Text.line(where + ".etag", p.etag(), 1, MAX_ETAG);
        if (etag == null) {
          throw ValidationException.field(where + ".etag", "is required");
        }
        out.add(new UploadedPart(p.partNumber(), etag));
      }
      return out;
    }
  }

  /** {@code ?status=} of a list: any status, or none for "all but DELETED". */
  static AssetStatus status(String raw) {
    if (raw == null) {
      return null;
    }
    return AssetStatus.parse(raw).orElseThrow(() -> ValidationException.field("status",
        "must be one of PENDING_UPLOAD, AVAILABLE, REJECTED, DELETED"));
  }

  static Classification classification(String raw) {
    return Classification.parse(raw).orElseThrow(() -> ValidationException.field("classification",
        "must be one of PUBLIC, INTERNAL, CONFIDENTIAL, SECRET"));
  }

  private static long size(Long raw) {
    if (raw == null) {
      throw ValidationException.field("sizeBytes", "is required");
    }
    if (raw < 1 || raw > UploadPlan.MAX_SIZE) {
      throw ValidationException.field("sizeBytes", "must be from 1 byte to 5 TiB (" + UploadPlan.MAX_SIZE + ")");
    }
    return raw;
  }

  private static String sha256(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw ValidationException.field("sha256", "is required");
    }
    try {
      byte[] digest = Base64.getDecoder().decode(raw);
      if (digest.length == SHA256_BYTES && Base64.getEncoder().encodeToString(digest).equals(raw)) {
        return raw;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ValidationException.field("sha256", "must be the base64 of a 32-byte SHA-256 digest");
  }

  private static String string(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual()) {
      throw ValidationException.field(field, "must be a string");
    }
    return v.asText();
  }
}
