package org.labvault.backup.snapshot.port;

import java.util.List;
import java.util.function.Consumer;

/**
 * The metadata table as the daily snapshot reads it. Items travel as canonical lines of DynamoDB
 * JSON (one item each, attribute names and set members sorted, no whitespace): the same item is
 * always the same text, so the snapshot hashes and compares lines, and knows no SDK type.
 */
public interface TableSource {

  /**
   * Reads one segment of a parallel, strongly consistent scan of the whole table, page by page.
   *
   * @param page called once per page with that page's items, in the order the table returns them
   */
  void scanSegment(int segment, int totalSegments, Consumer<List<String>> page);
}
