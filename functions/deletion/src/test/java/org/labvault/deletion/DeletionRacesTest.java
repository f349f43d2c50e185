package org.labvault.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.deletion.Fixture.APP;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.deletion.DeletionRequests.NewLink;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.DeletionState;
import org.labvault.shared.deletion.domain.NoticeStatus;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.id.Ids;

/**
 * The services under concurrent requests, on the real transactions of the in-process engine: the
 * conditions decide, whatever the order the requests arrive in.
 */
class DeletionRacesTest {

  private Fixture f;
  private ExecutorService pool;

  @BeforeEach
  void setUp() {
    f = new Fixture();
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    f.close();
  }

  private static Caller caller(String userId) {
    return new Caller(new Principal(userId, null, "acme", java.util.Set.of()), "req-" + userId);
  }

  /** Runs both at once (released together) and answers their outcomes: a result or the exception. */
  private List<Object> together(Callable<?> a, Callable<?> b) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (Callable<?> task : List.of(a, b)) {
      futures.add(pool.submit(() -> {
        start.await();
        return task.call();
      }));
    }
    start.countDown();
    List<Object> outcomes = new ArrayList<>();
    for (Future<?> future : futures) {
      try {
        outcomes.add(future.get());
      } catch (ExecutionException e) {
        outcomes.add(e.getCause());
      }
    }
    return outcomes;
  }

  @Test
  void twoConcurrentDeletesOfOneAsset_shouldCountItOutOnce() throws Exception {
    for (int round = 0; round < 10; round++) {
      // given
      String assetId = Ids.newId(f.clock);
      f.asset(assetId, AssetStatus.AVAILABLE, Classification.INTERNAL);
      long before = f.assetCount();
      var deletions = f.c.deletions();
      // when
      var outcomes = together(() -> deletions.delete(caller("alice"), assetId), () -> deletions.delete(caller("alice"), assetId));
      // then both answer the deleted asset, and the group counts it out exactly once
      assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(AssetDeletionService.Deleted.class,
          d -> assertThat(d.asset().status()).isEqualTo(AssetStatus.DELETED)));
      assertThat(f.assetCount()).isEqualTo(before - 1);
    }
    assertThat(f.audit).filteredOn(a -> a.action().equals("assets:delete")).hasSize(10);
  }

  /**
   * A link created while its asset is being deleted either loses (409 NOT_AVAILABLE, nothing
   * stored, nothing counted) or wins and is LIVE when the asset becomes DELETED: then the
   * deletion's fan-out finds it under the asset's links (gsi1 LINKS#) and the deletion status shows
   * it as NOTIFIED with no attempt yet. Never a live link that nobody will tell.
   */
  @Test
  void aLinkCreatedWhileItsAssetIsDeleted_shouldEitherBeRefused_orBeLiveAndReportedForTheFanOut() throws Exception {
    int refused = 0;
    int linked = 0;
    for (int round = 0; round < 20; round++) {
      String assetId = Ids.newId(f.clock);
      f.asset(assetId, AssetStatus.AVAILABLE, Classification.INTERNAL);
      // every other round races the link's transaction alone (no reads before it), so that both orders occur
      Callable<Object> link = round % 2 == 0
          ? () -> f.c.links().create(caller("alice"), assetId, new NewLink(APP, "race-" + assetId))
          : () -> {
            var l = AppLink.live(Ids.newId(f.clock), assetId, Fixture.GROUP, "acme", APP, "race", Fixture.NOW, "alice");
            f.c.linkRepository().create(l);
            return l;
          };
      var outcomes = together(link, () -> f.c.deletions().delete(caller("alice"), assetId));
      assertThat(outcomes.get(1)).isInstanceOf(AssetDeletionService.Deleted.class);
      List<AppLink> links = f.c.linkRepository().all(assetId);
      DeletionState state = f.c.deletions().status(caller("bob"), assetId);
      if (outcomes.get(0) instanceof ConflictException e) {
        refused++;
        assertThat(e.code()).isEqualTo("NOT_AVAILABLE");
        assertThat(links).isEmpty();
        assertThat(f.liveLinks(assetId)).isZero();
        assertThat(state.status()).isEqualTo(DeletionState.Status.NONE);
      } else {
        linked++;
        assertThat(outcomes.get(0)).isInstanceOf(AppLink.class);
        assertThat(links).singleElement().satisfies(l -> assertThat(l.isLive()).isTrue());
        assertThat(f.liveLinks(assetId)).isEqualTo(1);
        assertThat(state.status()).isEqualTo(DeletionState.Status.PENDING);
        assertThat(state.links()).singleElement().satisfies(v -> {
          assertThat(v.status()).isEqualTo(NoticeStatus.NOTIFIED);
          assertThat(v.attempts()).isZero();
        });
      }
    }
    assertThat(refused + linked).isEqualTo(20);
  }

  @Test
  void twoConcurrentDeletesOfOneLink_shouldUncountItOnce() throws Exception {
    String assetId = Ids.newId(f.clock);
    f.asset(assetId, AssetStatus.AVAILABLE, Classification.INTERNAL);
    String linkId = Ids.newId(f.clock);
    f.link(linkId, assetId, APP);
    f.link(Ids.newId(f.clock), assetId, APP);
    var outcomes = together(() -> f.c.links().delete(caller("alice"), linkId), () -> f.c.links().delete(caller("alice"), linkId));
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(org.labvault.shared.deletion.domain.LinkDeletionView.class));
    assertThat(f.liveLinks(assetId)).isEqualTo(1);
    assertThat(f.audit).filteredOn(a -> a.action().equals("app-links:delete")).hasSize(1);
  }

  @Test
  void confirmingTwiceAtOnce_shouldConfirmOnce() throws Exception {
    String assetId = Ids.newId(f.clock);
    f.asset(assetId, AssetStatus.AVAILABLE, Classification.INTERNAL);
    String linkId = Ids.newId(f.clock);
    f.link(linkId, assetId, APP);
    f.c.links().delete(caller("alice"), linkId);
    var app = caller("app:" + APP);
    var outcomes = together(() -> {
      f.c.links().confirm(app, linkId);
      return "done";
    }, () -> {
      f.c.links().confirm(app, linkId);
      return "done";
    });
    assertThat(outcomes).containsOnly("done");
    assertThat(f.c.linkRepository().find(linkId).orElseThrow().deletion().notice()).isEqualTo(NoticeStatus.CONFIRMED);
    assertThat(f.c.deletions().status(caller("bob"), assetId).status()).isEqualTo(DeletionState.Status.COMPLETE);
    assertThat(f.audit).filteredOn(a -> a.action().equals("app-links:confirm-deletion")).hasSize(1);
  }

  @Test
  void aLinkCreatedJustBeforeTheDeletion_isLive_untilTheExpansionDeletesIt() {
    String assetId = Ids.newId(f.clock);
    f.asset(assetId, AssetStatus.AVAILABLE, Classification.INTERNAL);
    AppLink link = f.c.links().create(caller("alice"), assetId, new NewLink(APP, "before"));
    f.c.deletions().delete(caller("alice"), assetId);
    var deleted = f.c.assetRepository().find(assetId).orElseThrow();
    assertThat(f.c.linkRepository().all(assetId)).singleElement().satisfies(l -> assertThat(l.isLive()).isTrue());
    // the fan-out's expansion, through the same repository call: ASSET_DELETED at the asset's time
    assertThat(f.c.linkRepository().delete(link, org.labvault.shared.deletion.domain.DeletionReason.ASSET_DELETED,
        deleted.deletedAt(), deleted.deletedBy())).isTrue();
    assertThat(f.c.linkRepository().delete(link, org.labvault.shared.deletion.domain.DeletionReason.ASSET_DELETED,
        deleted.deletedAt(), deleted.deletedBy())).as("a repeated stream record changes nothing").isFalse();
    assertThat(f.liveLinks(assetId)).isZero();
    var stored = f.c.linkRepository().find(link.linkId()).orElseThrow();
    assertThat(stored.deletion().reason()).isEqualTo(org.labvault.shared.deletion.domain.DeletionReason.ASSET_DELETED);
    assertThat(stored.deletion().deletedAt()).isEqualTo(deleted.deletedAt());
    assertThat(stored.deletion().attempt()).isEqualTo(1);
    assertThat(stored.deletion().publishedAttempt()).isZero();
    assertThat(f.c.deletions().status(caller("bob"), assetId).links()).singleElement()
        .satisfies(v -> assertThat(v.notifiedAt()).isEqualTo(deleted.deletedAt()));
  }

  @Test
  void aLinkCreatedJustAfterTheDeletion_isRefused409NotAvailable() {
    String assetId = Ids.newId(f.clock);
    f.asset(assetId, AssetStatus.AVAILABLE, Classification.INTERNAL);
    f.c.deletions().delete(caller("alice"), assetId);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.c.links().create(caller("alice"), assetId, new NewLink(APP, "after")))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("NOT_AVAILABLE"));
    // and the transaction refuses it too, should the service have read the asset before the deletion
    var late = AppLink.live(Ids.newId(f.clock), assetId, Fixture.GROUP, "acme", APP, "late", Fixture.NOW, "alice");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.c.linkRepository().create(late))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("NOT_AVAILABLE"));
    assertThat(f.c.linkRepository().all(assetId)).isEmpty();
    assertThat(f.liveLinks(assetId)).isZero();
  }

  @Test
  void reclassifyingToSecret_shouldFollowTheLiveLinkCount_thatLinkTransactionsKeep() {
    String assetId = Ids.newId(f.clock);
    f.asset(assetId, AssetStatus.AVAILABLE, Classification.INTERNAL);
    AppLink one = f.c.links().create(caller("alice"), assetId, new NewLink(APP, "one"));
    AppLink two = f.c.links().create(caller("alice"), assetId, new NewLink("other-app", "two"));
    f.c.links().delete(caller("alice"), one.linkId());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.c.assetRepository().update(assetId, null, Classification.SECRET))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("CLASSIFICATION"));
    f.c.links().delete(caller("alice"), two.linkId());
    assertThat(f.c.assetRepository().update(assetId, null, Classification.SECRET)).get()
        .extracting(a -> a.classification()).isEqualTo(Classification.SECRET);
  }
}
