package org.labvault.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labvault.ops.domain.NewNotice;
import org.labvault.ops.domain.Severity;
import org.labvault.ops.fakes.InMemoryNoticeRepository;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.paging.PageRequest;

class NoticeServiceTest {

  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
  private final InMemoryNoticeRepository repo = new InMemoryNoticeRepository();
  private final java.util.List<org.labvault.shared.audit.AuditEvent> audit = new java.util.ArrayList<>();
  private final NoticeService service = new NoticeService(repo,
      new org.labvault.shared.auth.Authorizer(null, null, audit::add, Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC));
  private final org.labvault.shared.auth.Caller op = new org.labvault.shared.auth.Caller(
      new Principal("op", null, "platform", Set.of("operators")), "req-1");
  private final Principal reader = new Principal("alice", null, "acme", Set.of());

  private static NewNotice notice(Instant startsAt, Instant endsAt, String... tenants) {
    return new NewNotice("m", Severity.INFO, Optional.ofNullable(startsAt), endsAt, Set.of(tenants));
  }

  @Test
  void post_shouldStartNow_whenNoStartIsGiven() {
    var posted = service.post(op, notice(null, NOW.plusSeconds(60)));
    assertThat(posted.startsAt()).isEqualTo(NOW);
    assertThat(posted.createdAt()).isEqualTo(NOW);
  }

  @Test
  void post_shouldRefuseAnEndBeforeTheStart() {
    assertThatThrownBy(() -> service.post(op, notice(NOW.plusSeconds(120), NOW.plusSeconds(60))))
        .isInstanceOf(ValidationException.class).hasMessageStartingWith("endsAt: must be after startsAt");
  }

  @Test
  void post_shouldRefuseANoticeThatHasAlreadyEnded() {
    assertThatThrownBy(() -> service.post(op, notice(NOW.minusSeconds(120), NOW.minusSeconds(60))))
        .hasMessageStartingWith("endsAt: must be in the future");
  }

  @Test
  void post_shouldRefuseANoticeLongerThan90Days() {
    assertThatThrownBy(() -> service.post(op, notice(null, NOW.plus(Duration.ofDays(91)))))
        .hasMessageStartingWith("endsAt: must be at most 90 days");
    assertThat(service.post(op, notice(null, NOW.plus(Duration.ofDays(90)))).endsAt()).isEqualTo(NOW.plus(Duration.ofDays(90)));
  }

  @Test
  void active_shouldLeaveOutFutureAndEndedNotices() {
    service.post(op, notice(NOW.plusSeconds(3600), NOW.plusSeconds(7200)));
    var current = service.post(op, notice(NOW.minusSeconds(60), NOW.plusSeconds(60)));
    var page = service.active(reader, PageRequest.first(50));
    assertThat(page.items()).containsExactly(current);
  }

  @Test
  void active_shouldPage() {
    for (int i = 1; i <= 3; i++) {
      service.post(op, notice(null, NOW.plusSeconds(60L * i)));
    }
    var first = service.active(reader, PageRequest.first(2));
    assertThat(first.items()).hasSize(2);
    assertThat(first.nextToken()).isNotNull();
    var second = service.active(reader, new PageRequest(2, first.nextToken()));
    assertThat(second.items()).hasSize(1);
    assertThat(second.nextToken()).isNull();
  }
}
