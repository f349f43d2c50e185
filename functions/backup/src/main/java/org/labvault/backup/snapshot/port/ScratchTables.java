package org.labvault.backup.snapshot.port;

import java.util.List;
import java.util.function.Consumer;

/**
 * Throw-away tables the restore drill restores a snapshot into. A name given here is the part after
 * the deployment's scratch-table prefix, so the drill can never touch the metadata table itself.
 * Items are canonical lines of DynamoDB JSON, as {@link TableSource} gives them.
 */
public interface ScratchTables {

  /** Creates an empty table keyed as the metadata table (pk, sk), and waits until it takes writes. */
  void create(String name);

  /** Writes items (in batches, retrying what the table could not take at once). */
  void write(String name, List<String> items);

  /** Reads the whole table back with a parallel, strongly consistent scan, page by page (pages may come from several threads at once). */
  void scan(String name, int totalSegments, Consumer<List<String>> page);

  /** Deletes the table; a table that is not there is no error. */
  void drop(String name);
}
