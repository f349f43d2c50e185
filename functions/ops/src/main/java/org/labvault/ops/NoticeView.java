package org.labvault.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Set;
import org.labvault.ops.domain.Notice;
import org.labvault.ops.domain.Severity;

/**
 * A notice as the API shows it. Readers see the notice itself; who posted it and which other
 * tenants it concerns are shown to operators only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NoticeView(
    String noticeId,
    String message,
    Severity severity,
    Instant startsAt,
    Instant endsAt,
    Set<String> tenants,
    Instant createdAt,
    String createdBy) {

  static NoticeView forReaders(Notice n) {
    return new NoticeView(n.noticeId(), n.message(), n.severity(), n.startsAt(), n.endsAt(), null, null, null);
  }

  static NoticeView forOperators(Notice n) {
    return new NoticeView(
        n.noticeId(), n.message(), n.severity(), n.startsAt(), n.endsAt(),
        n.tenants().isEmpty() ? null : n.tenants(), // absent: every tenant
        n.createdAt(), n.createdBy());
  }
}
