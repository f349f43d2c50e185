package org.labvault.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.labvault.audit.domain.AuditRecordView;
import org.labvault.audit.domain.BrokenLink;
import org.labvault.audit.domain.Digest;
import org.labvault.audit.domain.DigestTip;
import org.labvault.audit.domain.StoredDigest;
import org.labvault.audit.domain.VerifyReport;
import org.labvault.audit.port.AuditStore;
import org.labvault.audit.port.DigestLog;
import org.labvault.audit.port.DigestPublicKey;
import org.labvault.shared.audit.AuditChains;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.config.Config;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** The operators' view of the audit trail: records by time, and the verification of every chain and digest. */
public final class AuditTrail {

  /** Chains are checked side by side, each streamed page by page; at most this many at once. */
  static final int PARALLEL_CHAINS = 8;
  /**
   * How long a record may wait for a signed digest: the hourly schedule, with room for one late run.
   * An older record that no digest covers means the newest digests were removed (or stopped).
   */
  static final Duration DIGEST_GRACE = Duration.ofHours(2);

  private final AuditStore store;
  private final DigestLog digests;
  private final DigestPublicKey digestKey;
  private final Config config;
  private final Clock clock;

  @Inject
  AuditTrail(AuditStore store, DigestLog digests, DigestPublicKey digestKey, Config config, Clock clock) {
    this.store = store;
    this.digests = digests;
    this.digestKey = digestKey;
    this.config = config;
    this.clock = clock;
  }

  /** Records at or after {@code since}, oldest first. */
  public Page<AuditRecordView> since(Instant since, PageRequest page) {
    return store.since(since, page).map(AuditRecordView::of);
  }

  /**
   * Every chain checked, then every signed digest; the first break is named (the lowest chain's,
   * then the first digest's). The digests are read first, so each record they name already exists
   * when its chain is read; a digest appended meanwhile is left to the next verification.
   */
  public VerifyReport verify() {
    int chains = AuditChains.count(config);
    Optional<DigestTip> tip = digests.tip();
    List<StoredDigest> signed = upTo(tip, digests.all());
    if (tip.isEmpty() && !signed.isEmpty()) {
      // the first digest may have been appended just now; if the head is still missing, it was removed
      tip = digests.tip();
      signed = upTo(tip, signed);
    }
    Map<Integer, Set<Long>> wanted = DigestVerifier.wanted(signed);
    List<ChainVerifier.Result> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(chains, PARALLEL_CHAINS))) {
      List<Future<ChainVerifier.Result>> pending = new ArrayList<>();
      for (int c = 0; c < chains; c++) {
        int chain = c;
        Set<Long> seqs = wanted.getOrDefault(chain, Set.of());
        pending.add(pool.submit(() -> ChainVerifier.verify(chain, store.head(chain), store.chain(chain), seqs, () -> store.head(chain))));
      }
      for (Future<ChainVerifier.Result> f : pending) {
        results.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    long checked = results.stream().mapToLong(ChainVerifier.Result::checked).sum();
    Map<Integer, Map<Long, String>> named = new HashMap<>();
    for (ChainVerifier.Result r : results) {
      if (r.broken() != null) {
        return VerifyReport.broken(checked, r.broken());
      }
      named.put(r.chain(), r.named());
    }
    int verified = 0;
    if (!signed.isEmpty() || tip.isPresent()) {
      DigestVerifier.Result result = new DigestVerifier(digestKey.key(), digestKey.keyIds()).verify(signed, tip, named);
      if (result.broken() != null) {
        return VerifyReport.broken(checked, result.broken());
      }
      verified = result.verified();
    }
    BrokenLink unsigned = unsignedTooLong(results, signed);
    return unsigned != null ? VerifyReport.broken(checked, unsigned) : VerifyReport.valid(checked, chains, verified);
  }

  /**
   * The newest digests removed with the digests' head, and the records after them rewritten, leave
   * every remaining link intact; what gives it away is time: a record older than
   * {@link #DIGEST_GRACE} that no digest covers. Named as the digest that should follow the last.
   */
  private BrokenLink unsignedTooLong(List<ChainVerifier.Result> results, List<StoredDigest> signed) {
    Map<Integer, Long> covered = new HashMap<>();
    long last = 0;
    if (!signed.isEmpty()) {
      Digest newest = signed.getLast().digest();
      newest.heads().forEach(h -> covered.put(h.chain(), h.seq()));
      last = newest.seq();
    }
    Instant due = clock.instant().minus(DIGEST_GRACE);
    for (ChainVerifier.Result r : results) {
      long firstUnsigned = covered.getOrDefault(r.chain(), 0L) + 1;
      if (r.last() != null && r.last().seq() >= firstUnsigned) {
        Optional<AuditRecord> record = store.record(r.chain(), firstUnsigned);
        if (record.isPresent() && Instant.parse(record.get().at()).isBefore(due)) {
          return BrokenLink.digest(last + 1, BrokenLink.Reason.DIGEST_MISSING);
        }
      }
    }
    return null;
  }

  /** The digests up to the tip read before them: later ones were appended meanwhile, left to the next check. */
  private static List<StoredDigest> upTo(Optional<DigestTip> tip, Iterable<StoredDigest> all) {
    List<StoredDigest> kept = new ArrayList<>();
    for (StoredDigest d : all) {
      if (tip.isPresent() && d.position() > tip.get().seq()) {
        break;
      }
      kept.add(d);
    }
    return kept;
  }
}
