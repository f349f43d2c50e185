package org.labvault.shared.deletion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.ValidationException;

class LinkDeletionTest {

  private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");

  private static LinkDeletion deletion(NoticeStatus notice, int attempt, int publishedAttempt) {
    return new LinkDeletion(DeletionReason.LINK_DELETED, AT, "alice", notice, attempt, publishedAttempt, null, null, null);
  }

  @Test
  void start_shouldOweTheFirstNotice() {
    LinkDeletion started = LinkDeletion.start(DeletionReason.ASSET_DELETED, AT, "alice");
    assertThat(started).isEqualTo(new LinkDeletion(
        DeletionReason.ASSET_DELETED, AT, "alice", NoticeStatus.NOTIFIED, 1, 0, null, null, null));
    assertThat(started.owesPublication()).isTrue();
  }

  @Test
  void aNotice_isOwedOnlyForAnAttemptNotPublishedYet_whileNotConfirmed() {
    assertThat(deletion(NoticeStatus.NOTIFIED, 2, 1).owesPublication()).isTrue();
    assertThat(deletion(NoticeStatus.NOTIFIED, 2, 2).owesPublication()).isFalse();
    assertThat(deletion(NoticeStatus.CONFIRMED, 2, 1).owesPublication()).isFalse();
    assertThat(deletion(NoticeStatus.OVERDUE, 2, 1).owesPublication()).isFalse();
  }

  @Test
  void conflicts_shouldCarryTheirCodes() {
    assertThat(DeletionConflicts.secret().errorCode()).isEqualTo(ErrorCode.CLASSIFICATION);
    assertThat(DeletionConflicts.linkedAsset().errorCode()).isEqualTo(ErrorCode.CLASSIFICATION);
    assertThat(DeletionConflicts.notAvailable("DELETED").errorCode()).isEqualTo(ErrorCode.NOT_AVAILABLE);
    assertThat(DeletionConflicts.notAvailable("DELETED").getMessage()).contains("DELETED");
    assertThat(DeletionConflicts.appExists("eln").errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    ValidationException unregistered = DeletionConflicts.unregisteredApp("eln");
    assertThat(unregistered.getMessage()).contains("appId").contains("eln");
  }
}
