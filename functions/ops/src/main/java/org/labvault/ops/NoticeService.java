package org.labvault.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.inject.Inject;
import org.labvault.ops.domain.NewNotice;
import org.labvault.ops.domain.Notice;
import org.labvault.ops.port.NoticeRepository;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.id.Ids;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** Maintenance notices: operators post them, every user reads the active ones. */
public final class NoticeService {

  /** A notice longer than this is a mistake, not maintenance. */
  static final Duration MAX_DURATION = Duration.ofDays(90);

  private final NoticeRepository notices;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  NoticeService(NoticeRepository notices, Authorizer authorizer, Clock clock) {
    this.notices = notices;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /** Posts a notice (the caller is an operator: the Authorizer admits no one else to /ops); audited. */
  public Notice post(Caller caller, NewNotice request) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant startsAt = request.startsAt().orElse(now);
    if (!request.endsAt().isAfter(startsAt)) {
      throw ValidationException.field("endsAt", "must be after startsAt");
    }
    if (!request.endsAt().isAfter(now)) {
      throw ValidationException.field("endsAt", "must be in the future");
    }
    if (Duration.between(startsAt, request.endsAt()).compareTo(MAX_DURATION) > 0) {
      throw ValidationException.field("endsAt", "must be at most " + MAX_DURATION.toDays() + " days after startsAt");
    }
    Notice notice =
        new Notice(
            Ids.newId(clock),
            request.message(),
            request.severity(),
            startsAt,
            request.endsAt(),
            request.tenants(),
            now,
            caller.userId());
    return authorizer.audited(caller, AuditAction.NOTICES_CREATE, AuditResource.notice(notice.noticeId()), null, () -> {
      notices.insert(notice);
      return notice;
    });
  }

  /** The notices active now that concern the reader. */
  public Page<Notice> active(Principal reader, PageRequest page) {
    Instant now = clock.instant();
    String tenant = reader.tenantId().orElse(null);
    Page<Notice> found = notices.active(tenant, now, page);
    // the query already filters; the domain rule is applied again so no adapter can widen it
    return new Page<>(
        found.items().stream().filter(n -> n.visibleTo(tenant, now)).toList(), found.nextToken());
  }
}
