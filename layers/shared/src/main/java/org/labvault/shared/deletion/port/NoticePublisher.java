package org.labvault.shared.deletion.port;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The asset-events topic: tells registered applications that a link they hold was deleted. Every
 * notice is delivered at least once; applications de-duplicate by (linkId, attempt).
 */
public interface NoticePublisher {

  /** The most notices one {@link #publish} call takes (SNS PublishBatch's limit). */
  int MAX_BATCH = 10;

  /**
   * One AppLinkDeleted message: its body is the contract's, and {@code appId} is also a message
   * attribute so each application's subscription filters its own notices.
   */
  record Notice(String linkId, String assetId, String groupId, String appId, String externalRef, String reason,
      Instant deletedAt, int attempt) {}

  /**
   * Publishes up to {@link #MAX_BATCH} notices with distinct link ids.
   *
   * @return the link ids of the notices that were NOT published (empty when all were); a failure
   *     of the whole call reports every notice
   * @throws IllegalArgumentException for more than {@link #MAX_BATCH} notices or a repeated link id
   */
  Set<String> publish(List<Notice> notices);
}
