package org.labvault.shared.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

  private static final AuditEvent EVENT = new AuditEvent("user-1", "group:create", "group:g1",
      AuditEvent.Decision.ALLOW, null, "req-1", Instant.parse("2026-11-23T08:00:00.750Z"));

  @Test
  void chained_shouldHashTheCanonicalJsonOfEveryFieldButHash() throws Exception {
    // when
    AuditRecord r = AuditRecord.chained(EVENT, 2, 1, AuditRecord.GENESIS);
    // then: the exact bytes a verifier outside LabVault would hash
    String canonical = "{\"action\":\"group:create\",\"actor\":\"user-1\",\"at\":\"2026-11-23T08:00:00Z\",\"chain\":2,"
        + "\"decision\":\"ALLOW\",\"prevHash\":\"" + "0".repeat(64) + "\",\"requestId\":\"req-1\","
        + "\"resource\":\"group:g1\",\"role\":null,\"seq\":1}";
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.hash()).isEqualTo(expected).hasSize(64);
    assertThat(r.at()).isEqualTo("2026-11-23T08:00:00Z");
  }

  @Test
  void computeHash_shouldDiffer_whenAnyFieldIsEdited() {
    // given
    AuditRecord r = AuditRecord.chained(EVENT, 0, 5, "a".repeat(64));
    // when
    AuditRecord edited = new AuditRecord(r.chain(), r.seq(), r.at(), r.actor(), r.action(), r.resource(), "DENY",
        r.role(), r.requestId(), r.prevHash(), r.hash());
    // then
    assertThat(edited.computeHash()).isNotEqualTo(r.hash());
    assertThat(r.computeHash()).isEqualTo(r.hash());
  }
}
