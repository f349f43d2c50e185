package org.labvault.audit.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.labvault.shared.audit.AuditRecord;

/** A record as operators read it: the contract's fields, {@code role} null when no role decided. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditRecordView(int chain, long seq, String at, String actor, String action, String resource,
    String decision, String role, String requestId, String hash, String prevHash) {

  public static AuditRecordView of(AuditRecord r) {
    return new AuditRecordView(r.chain(), r.seq(), r.at(), r.actor(), r.action(), r.resource(), r.decision(), r.role(),
        r.requestId(), r.hash(), r.prevHash());
  }
}
