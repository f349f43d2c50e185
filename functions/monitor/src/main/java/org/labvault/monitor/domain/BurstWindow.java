package org.labvault.monitor.domain;

import java.util.List;

/**
 * One actor's recent records of one {@link BurstKind}: their names ({@link AuditFact#member()},
 * sorted, so oldest first), whether the current burst has raised its alarm, and the record that
 * raised it. {@code version} is what a conditional write expects to replace (0: no item yet).
 */
public record BurstWindow(List<String> members, String alarmedBy, long version) {

  public static final BurstWindow EMPTY = new BurstWindow(List.of(), null, 0);

  public BurstWindow {
    members = List.copyOf(members);
  }
}
