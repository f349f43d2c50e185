package org.labvault.shared.deletion.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One link in a deletion status: {@code {"linkId","appId","status","notifiedAt","confirmedAt"?,"attempts"}}.
 *
 * @param notifiedAt the first publish; before it, when the link was deleted
 * @param attempts how many attempts were published
 */
public record LinkDeletionView(
    String linkId,
    String appId,
    NoticeStatus status,
    Instant notifiedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant confirmedAt,
    int attempts) {

  /** The entry of a deleted link. */
  public static LinkDeletionView of(AppLink link) {
    LinkDeletion d = link.deletion();
    if (d == null) {
      throw new IllegalArgumentException("link " + link.linkId() + " is live");
    }
    return new LinkDeletionView(link.linkId(), link.appId(), d.notice(),
        d.notifiedAt() != null ? d.notifiedAt() : d.deletedAt(), d.confirmedAt(), d.publishedAttempt());
  }

  /** A live link of a deleted asset, before the fan-out reached it: as good as notified, nothing sent yet. */
  static LinkDeletionView pending(AppLink link, Instant assetDeletedAt) {
    return new LinkDeletionView(link.linkId(), link.appId(), NoticeStatus.NOTIFIED, assetDeletedAt, null, 0);
  }
}
