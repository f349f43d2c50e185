package org.labvault.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.labvault.audit.domain.AuditRecordView;
import org.labvault.audit.domain.BrokenLink;
import org.labvault.audit.domain.ChainHead;
import org.labvault.audit.domain.VerifyReport;
import org.labvault.audit.port.AuditDigests;
import org.labvault.audit.port.AuditStore;
import org.labvault.shared.audit.AuditChains;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Page;
import org.labvault.shared.http.PageRequest;

/** The operators' view of the audit trail: records by time, and the verification of every chain. */
public final class AuditTrail {

  /** Chains are checked side by side, each streamed page by page; at most this many at once. */
  static final int PARALLEL_CHAINS = 8;

  private final AuditStore store;
  private final AuditDigests digests;
  private final Config config;

  @Inject
  AuditTrail(AuditStore store, AuditDigests digests, Config config) {
    this.store = store;
    this.digests = digests;
    this.config = config;
  }

  /** Records at or after {@code since}, oldest first. */
  public Page<AuditRecordView> since(Instant since, PageRequest page) {
    return store.since(since, page).map(AuditRecordView::of);
  }

  /** Every chain checked; the first break (lowest chain) is named. */
  public VerifyReport verify() {
    int chains = AuditChains.count(config);
    List<ChainVerifier.Result> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(chains, PARALLEL_CHAINS))) {
      List<Future<ChainVerifier.Result>> pending = new ArrayList<>();
      for (int c = 0; c < chains; c++) {
        int chain = c;
        pending.add(pool.submit(() -> ChainVerifier.verify(chain, store.head(chain), store.chain(chain))));
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
    Map<Integer, ChainHead> heads = new TreeMap<>();
    for (ChainVerifier.Result r : results) {
      BrokenLink broken = r.broken();
      if (broken != null) {
        return VerifyReport.broken(checked, broken);
      }
      if (r.last() != null) {
        heads.put(r.chain(), r.last());
      }
    }
    return VerifyReport.valid(checked, chains, digests.verify(heads));
  }
}
