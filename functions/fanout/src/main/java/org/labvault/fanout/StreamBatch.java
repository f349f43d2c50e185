package org.labvault.fanout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import javax.inject.Inject;
import org.labvault.fanout.StreamChange.AssetDeleted;
import org.labvault.fanout.StreamChange.NoticeOwed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of the table's stream: asset deletions are expanded, owed notices published.
 *
 * <p>Failures are reported per record, by sequence number. Lambda then resumes the shard at the
 * lowest reported record and delivers every record after it again, done or not. That is safe and
 * keeps each link's notices in order, so the batch is processed to its end rather than stopped at
 * the first failure (other links' notices are not held up by one failing link):
 * <ul>
 *   <li>every change is conditional on the state it was decided from (a link is expanded only while
 *       LIVE, a publication recorded only forward: publishedAttempt &lt; N), so a record delivered
 *       again finds its work done and changes nothing;</li>
 *   <li>a notice is built from a strongly consistent read of the link, never from the record's
 *       image, so whichever record of a link comes first, again or late, publishes the link's
 *       current attempt once, and a confirmed or already published attempt is never sent.</li>
 * </ul>
 */
final class StreamBatch {

  private static final Logger LOG = LoggerFactory.getLogger(StreamBatch.class);

  /** One record: its sequence number and what it asks. */
  record Item(String sequenceNumber, StreamChange change) {}

  private final AssetDeletionExpander expander;
  private final NoticeSender sender;

  @Inject
  StreamBatch(AssetDeletionExpander expander, NoticeSender sender) {
    this.expander = expander;
    this.sender = sender;
  }

  /** @return the sequence numbers of the records that failed, in stream order */
  List<String> process(List<Item> items, String requestId) {
    Set<String> failed = new HashSet<>();
    // one publication per link however many of its records the batch holds
    Map<String, List<String>> owedBy = new LinkedHashMap<>();
    for (Item item : items) {
      switch (item.change()) {
        case AssetDeleted deleted -> {
          try {
            expander.expand(deleted, requestId);
          } catch (RuntimeException e) {
            LOG.warn("asset {} deletion not expanded: {}", deleted.assetId(), e.toString());
            failed.add(item.sequenceNumber());
          }
        }
        case NoticeOwed owed -> owedBy.computeIfAbsent(owed.linkId(), k -> new ArrayList<>()).add(item.sequenceNumber());
        case StreamChange.Irrelevant irrelevant -> { }
      }
    }
    if (!owedBy.isEmpty()) {
      for (String linkId : sender.send(owedBy.keySet())) {
        failed.addAll(owedBy.get(linkId));
      }
    }
    return inStreamOrder(items, failed);
  }

  /** Sequence numbers are decimal strings of varying length: order them by the batch, not as text. */
  private static List<String> inStreamOrder(List<Item> items, Set<String> failed) {
    return items.stream().map(Item::sequenceNumber).filter(failed::contains).distinct().toList();
  }
}
