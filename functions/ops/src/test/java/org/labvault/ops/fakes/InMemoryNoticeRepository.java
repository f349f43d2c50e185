package org.labvault.ops.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.labvault.ops.domain.Notice;
import org.labvault.ops.port.NoticeRepository;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** Notices in a list; the same contract as the DynamoDB adapter (tokens are offsets here). */
@Singleton
public final class InMemoryNoticeRepository implements NoticeRepository {

  private final List<Notice> notices = new ArrayList<>();

  @Inject
  public InMemoryNoticeRepository() {}

  @Override
  public synchronized void insert(Notice notice) {
    if (notices.stream().anyMatch(n -> n.noticeId().equals(notice.noticeId()))) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "a notice with this id exists");
    }
    notices.add(notice);
  }

  @Override
  public synchronized Page<Notice> active(String tenant, Instant now, PageRequest page) {
    List<Notice> matching = notices.stream()
        .filter(n -> n.endsAt().isAfter(now))
        .sorted(Comparator.comparing(Notice::endsAt).thenComparing(Notice::noticeId))
        .filter(n -> !n.startsAt().isAfter(now))
        .filter(n -> n.tenants().isEmpty() || (tenant != null && n.tenants().contains(tenant)))
        .toList();
    int from = 0;
    if (page.nextToken() != null) {
      try {
        from = Integer.parseInt(page.nextToken());
      } catch (NumberFormatException e) {
        throw ValidationException.field("nextToken", "is not a token this list issued");
      }
    }
    int to = Math.min(matching.size(), from + page.limit());
    return new Page<>(matching.subList(Math.min(from, to), to), to < matching.size() ? String.valueOf(to) : null);
  }

  public synchronized List<Notice> all() {
    return List.copyOf(notices);
  }
}
