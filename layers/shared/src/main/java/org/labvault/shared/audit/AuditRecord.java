package org.labvault.shared.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.labvault.shared.time.Times;

/**
 * An audit record as it is chained: the event, its place in a chain and the hashes that link it.
 * {@code hash} is the hex SHA-256 of the canonical JSON ({@link CanonicalJson}) of every other
 * field; {@code role} is always present and JSON null when no role decided, so the hashed shape
 * never depends on the values.
 */
public record AuditRecord(
    int chain, long seq, String at, String actor, String action, String resource, String decision,
    String role, String requestId, String prevHash, String hash) {

  /** The prevHash of a chain's first record. */
  public static final String GENESIS = "0".repeat(64);

  /** The record that follows {@code prevHash} as number {@code seq} of {@code chain}, hashed. */
  public static AuditRecord chained(AuditEvent event, int chain, long seq, String prevHash) {
    AuditRecord unhashed = new AuditRecord(chain, seq, Times.format(event.time()), event.actor(), event.action(),
        event.resource(), event.decision().name(), event.role(), event.requestId(), prevHash, null);
    return unhashed.withHash(unhashed.computeHash());
  }

  public AuditRecord withHash(String newHash) {
    return new AuditRecord(chain, seq, at, actor, action, resource, decision, role, requestId, prevHash, newHash);
  }

  /** What the hash covers: every field but {@code hash}. */
  public Map<String, Object> hashedFields() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("chain", chain);
    fields.put("seq", seq);
    fields.put("at", at);
    fields.put("actor", actor);
    fields.put("action", action);
    fields.put("resource", resource);
    fields.put("decision", decision);
    fields.put("role", role);
    fields.put("requestId", requestId);
    fields.put("prevHash", prevHash);
    return fields;
  }

  /** The hash these fields should carry; differs from {@link #hash()} when the record was edited. */
  public String computeHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(hashedFields()));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
