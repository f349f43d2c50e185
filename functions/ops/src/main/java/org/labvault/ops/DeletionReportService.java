package org.labvault.ops;

import java.time.Instant;
import javax.inject.Inject;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.NoticeStatus;
import org.labvault.shared.deletion.port.LinkRepository;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** What operators see of deletion notices: those no app confirmed after every attempt. */
public final class DeletionReportService {

  private final LinkRepository links;

  @Inject
  DeletionReportService(LinkRepository links) {
    this.links = links;
  }

  /** One overdue notice: {@code {"linkId","assetId","appId","attempts","notifiedAt"}}. */
  public record Overdue(String linkId, String assetId, String appId, int attempts, Instant notifiedAt) {
    static Overdue of(AppLink link) {
      var d = link.deletion();
      return new Overdue(link.linkId(), link.assetId(), link.appId(), d.publishedAttempt(),
          d.notifiedAt() != null ? d.notifiedAt() : d.deletedAt());
    }
  }

  /** The notices in {@code status}; only OVERDUE is listed (the others are per asset). */
  public Page<Overdue> list(String status, PageRequest page) {
    if (status == null) {
      throw ValidationException.field("status", "is required (OVERDUE)");
    }
    if (!NoticeStatus.OVERDUE.name().equals(status)) {
      throw ValidationException.field("status", "must be OVERDUE");
    }
    return links.overdue(page).map(Overdue::of);
  }
}
