package org.labvault.audit.port;

import java.time.Instant;
import java.util.Optional;
import org.labvault.audit.domain.ChainHead;
import org.labvault.audit.domain.StoredRecord;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** Reads the audit chains the shared writer keeps. */
public interface AuditStore {

  /** Records at or after {@code since}, oldest first (time, then chain, then seq), one page. */
  Page<AuditRecord> since(Instant since, PageRequest page);

  /** The chain's head, read strongly consistent; empty when the chain has no record yet. */
  Optional<ChainHead> head(int chain);

  /**
   * The chain's records in seq order, read strongly consistent and fetched page by page as the
   * iteration goes, so a chain of any length is held in memory one page at a time.
   */
  Iterable<StoredRecord> chain(int chain);

  /** One record of a chain, read strongly consistent; empty when there is none at {@code seq}. */
  Optional<AuditRecord> record(int chain, long seq);
}
