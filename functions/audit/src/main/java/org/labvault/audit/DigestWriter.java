package org.labvault.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.audit.domain.ChainHead;
import org.labvault.audit.domain.Digest;
import org.labvault.audit.domain.DigestHead;
import org.labvault.audit.domain.DigestTip;
import org.labvault.audit.port.AuditStore;
import org.labvault.audit.port.DigestLog;
import org.labvault.audit.port.DigestSigner;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditChains;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.aws.Backoff;
import org.labvault.shared.config.Config;
import org.labvault.shared.time.Times;

/**
 * Takes a signed digest of every chain's head: reads the digests' tip and each head strongly
 * consistent, signs, and appends after that tip. A writer that loses the race to another digest
 * reads everything again and signs anew, so two digests taken at once are two digests in a row,
 * never a fork.
 */
public final class DigestWriter {

  /** Attempts before giving up; digests are rare, so losing more than a few races means something is wrong. */
  static final int ATTEMPTS = 8;

  private final AuditStore chains;
  private final DigestLog digests;
  private final DigestSigner signer;
  private final AuditLog audit;
  private final Clock clock;
  private final Config config;

  @Inject
  DigestWriter(AuditStore chains, DigestLog digests, DigestSigner signer, AuditLog audit, Clock clock, Config config) {
    this.chains = chains;
    this.digests = digests;
    this.signer = signer;
    this.audit = audit;
    this.clock = clock;
    this.config = config;
  }

  /** Takes the next digest for {@code actor} (an operator, or the schedule) and audits it. */
  public Digest take(String actor, String requestId) {
    int count = AuditChains.count(config);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<DigestTip> tip = digests.tip();
      List<DigestHead> heads = new ArrayList<>(count);
      for (int c = 0; c < count; c++) {
        Optional<ChainHead> head = chains.head(c);
        heads.add(new DigestHead(c, head.map(ChainHead::seq).orElse(0L), head.map(ChainHead::hash).orElse(AuditRecord.GENESIS)));
      }
      Digest unsigned = Digest.unsigned(tip.map(t -> t.seq() + 1).orElse(1L), Times.format(clock.instant()), heads,
          tip.map(DigestTip::signature).orElse(Digest.FIRST), signer.keyId());
      Digest signed = unsigned.withSignature(Base64.getEncoder().encodeToString(signer.sign(unsigned.signedBytes())));
      try {
        digests.append(signed, tip);
      } catch (DigestLog.RaceLost e) {
        pause(attempt);
        continue;
      }
      audit.record(AuditEvent.of(actor, AuditAction.AUDIT_DIGEST, AuditResource.digest(signed.seq()),
          AuditEvent.Decision.ALLOW, requestId, clock.instant()));
      return signed;
    }
    throw new IllegalStateException("the audit digests stayed contended; no digest was taken");
  }

  /** A few random milliseconds, so that two writers whose transactions conflicted do not meet again. */
  private static void pause(int attempt) {
    Backoff.jitter(5 * (attempt + 1));
  }
}
