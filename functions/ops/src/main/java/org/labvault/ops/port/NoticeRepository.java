package org.labvault.ops.port;

import java.time.Instant;
import org.labvault.ops.domain.Notice;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** Where notices are kept. */
public interface NoticeRepository {

  /** Stores a new notice; its id must not exist yet. */
  void insert(Notice notice);

  /**
   * One page of the notices active at {@code now} for a reader of {@code tenant} (null: a reader
   * without a tenant sees only notices aimed at everybody), ending soonest first.
   */
  Page<Notice> active(String tenant, Instant now, PageRequest page);
}
