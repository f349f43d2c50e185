package org.labvault.shared.deletion.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deletion status of an asset: {@code {"status":"NONE"|"PENDING"|"COMPLETE","links":[...]}}.
 * The one place that decides it.
 */
public record DeletionState(Status status, List<LinkDeletionView> links) {

  public enum Status {
    /** No link had to be told. */
    NONE,
    /** At least one notified link is not confirmed yet. */
    PENDING,
    /** Every notified link is confirmed. */
    COMPLETE
  }

  public DeletionState {
    links = List.copyOf(links);
  }

  /**
   * The status from every link of the asset (live and deleted).
   *
   * @param assetDeletedAt when the asset was deleted, or null while it is not: then its live links
   *     are listed as notified with no attempt yet (the fan-out of the deletion will reach them)
   */
  public static DeletionState of(List<AppLink> links, Instant assetDeletedAt) {
    List<LinkDeletionView> views = new ArrayList<>();
    for (AppLink link : links) {
      if (!link.isLive()) {
        views.add(LinkDeletionView.of(link));
      } else if (assetDeletedAt != null) {
        views.add(LinkDeletionView.pending(link, assetDeletedAt));
      }
    }
    Status status = views.isEmpty() ? Status.NONE
        : views.stream().allMatch(v -> v.status() == NoticeStatus.CONFIRMED) ? Status.COMPLETE : Status.PENDING;
    return new DeletionState(status, views);
  }
}
