package org.labvault.monitor.port;

import org.labvault.monitor.domain.BurstKind;
import org.labvault.monitor.domain.BurstWindow;

/** Each actor's burst windows, changed only by conditional writes. */
public interface BurstWindows {

  /** The actor's window of {@code kind}, strongly consistent; {@link BurstWindow#EMPTY} when there is none. */
  BurstWindow read(BurstKind kind, String actor);

  /**
   * Replaces the window read at {@code next.version()} with {@code next}.
   *
   * @return false when another writer changed it since (read again and count again)
   */
  boolean replace(BurstKind kind, String actor, BurstWindow next);
}
