package org.labvault.shared.deletion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeletionStateTest {

  static final Instant CREATED = Instant.parse("2026-11-23T08:00:00Z");
  static final Instant DELETED = Instant.parse("2026-11-23T09:00:00Z");
  static final Instant PUBLISHED = Instant.parse("2026-11-23T09:00:05Z");

  private static AppLink live(String id) {
    return AppLink.live(id, "asset-1", "group-1", "acme", "eln", "ref", CREATED, "alice");
  }

  private static AppLink deleted(String id, NoticeStatus notice, int published, Instant notifiedAt, Instant confirmedAt) {
    var d = new LinkDeletion(DeletionReason.ASSET_DELETED, DELETED, "alice", notice, Math.max(1, published), published,
        notifiedAt, notifiedAt, confirmedAt);
    return new AppLink(id, "asset-1", "group-1", "acme", "eln", "ref", CREATED, "alice", LinkStatus.DELETED, d);
  }

  @Test
  void of_shouldBeNone_whenNoLinkWasDeleted_andTheAssetIsNot() {
    var state = DeletionState.of(List.of(live("l1")), null);
    assertThat(state.status()).isEqualTo(DeletionState.Status.NONE);
    assertThat(state.links()).isEmpty();
    assertThat(DeletionState.of(List.of(), DELETED).status()).isEqualTo(DeletionState.Status.NONE);
  }

  @Test
  void of_shouldBePending_whileANotifiedLinkIsNotConfirmed_andCompleteWhenAllAre() {
    var confirmed = deleted("l1", NoticeStatus.CONFIRMED, 2, PUBLISHED, DELETED.plusSeconds(60));
    assertThat(DeletionState.of(List.of(confirmed, deleted("l2", NoticeStatus.NOTIFIED, 1, PUBLISHED, null)), DELETED).status())
        .isEqualTo(DeletionState.Status.PENDING);
    assertThat(DeletionState.of(List.of(confirmed, deleted("l2", NoticeStatus.OVERDUE, 5, PUBLISHED, null)), DELETED).status())
        .isEqualTo(DeletionState.Status.PENDING);
    var complete = DeletionState.of(List.of(confirmed), DELETED);
    assertThat(complete.status()).isEqualTo(DeletionState.Status.COMPLETE);
    assertThat(complete.links()).singleElement().satisfies(v -> {
      assertThat(v.attempts()).isEqualTo(2);
      assertThat(v.notifiedAt()).isEqualTo(PUBLISHED);
      assertThat(v.confirmedAt()).isEqualTo(DELETED.plusSeconds(60));
    });
  }

  @Test
  void of_shouldShowLiveLinksOfADeletedAsset_asNotifiedWithNoAttempt_atTheAssetsDeletion() {
    var state = DeletionState.of(List.of(live("l1"), deleted("l2", NoticeStatus.CONFIRMED, 1, PUBLISHED, PUBLISHED)), DELETED);
    assertThat(state.status()).isEqualTo(DeletionState.Status.PENDING);
    assertThat(state.links()).first().satisfies(v -> {
      assertThat(v.linkId()).isEqualTo("l1");
      assertThat(v.status()).isEqualTo(NoticeStatus.NOTIFIED);
      assertThat(v.attempts()).isZero();
      assertThat(v.notifiedAt()).isEqualTo(DELETED);
      assertThat(v.confirmedAt()).isNull();
    });
  }

  @Test
  void of_shouldShowTheDeletionTime_asNotifiedAt_untilTheFirstPublish() {
    var state = DeletionState.of(List.of(deleted("l1", NoticeStatus.NOTIFIED, 0, null, null)), null);
    assertThat(state.links()).singleElement().satisfies(v -> {
      assertThat(v.notifiedAt()).isEqualTo(DELETED);
      assertThat(v.attempts()).isZero();
    });
  }

  @Test
  void appIdOf_shouldNameOnlyApplicationPrincipals() {
    assertThat(App.appIdOf("app:sample-eln")).isEqualTo("sample-eln");
    assertThat(App.appIdOf("alice")).isNull();
    assertThat(App.appIdOf("app:")).isNull();
    assertThat(App.appIdOf("app:Bad_Id")).isNull();
    assertThat(App.appIdOf("instrument:x")).isNull();
  }
}
