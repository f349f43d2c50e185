package org.labvault.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.labvault.deletion.Fixture.APP;
import static org.labvault.deletion.Fixture.ASSET;
import static org.labvault.deletion.Fixture.GROUP;
import static org.labvault.deletion.Fixture.LINK;
import static org.labvault.deletion.Fixture.s;
import static org.labvault.shared.testing.Responses.body;
import static org.labvault.shared.testing.Responses.problemCode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.asset.domain.ObjectKeys;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.deletion.adapter.LinkItems;
import org.labvault.shared.deletion.domain.LinkStatus;
import org.labvault.shared.deletion.domain.NoticeStatus;
import org.labvault.shared.testing.ApiEvent;

/** The Deletion routes, on the sample events, against the DynamoDB engine in process and a bucket in memory. */
class DeletionHandlerTest {

  private Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  // DELETE /assets/{assetId}

  @ParameterizedTest
  @Event(value = "deletion/delete-asset.json", type = APIGatewayV2HTTPEvent.class)
  void deleteAsset_shouldMarkItDeleted_countItOut_andRemoveItsBytes(APIGatewayV2HTTPEvent event) {
    // given an AVAILABLE asset with two versions in the bucket (a late second upload)
    f.asset();
    String key = ObjectKeys.of("acme", GROUP, ASSET);
    f.objects.land(key, "late".getBytes(), null);
    f.audit.clear();
    f.clock.advance(Duration.ofMinutes(5));
    // when
    var res = f.call(event);
    // then
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(202);
    var deleted = body(res);
    assertThat(deleted.path("assetId").asText()).isEqualTo(ASSET);
    assertThat(deleted.path("status").asText()).isEqualTo("DELETED");
    assertThat(deleted.path("deletedAt").asText()).isEqualTo("2026-11-23T08:05:00Z");
    assertThat(deleted.at("/deletion/status").asText()).isEqualTo("NONE");
    assertThat(deleted.at("/deletion/links")).isEmpty();
    var stored = f.c.assetRepository().find(ASSET).orElseThrow();
    assertThat(stored.status()).isEqualTo(AssetStatus.DELETED);
    assertThat(stored.deletedBy()).isEqualTo("alice");
    assertThat(f.assetCount()).isZero();
    assertThat(f.objects.versions(key)).isEmpty();
    assertThat(f.c.assetRepository().list(GROUP, null, org.labvault.shared.paging.PageRequest.first(10)).items()).isEmpty();
    assertThat(f.c.assetRepository().list(GROUP, AssetStatus.DELETED, org.labvault.shared.paging.PageRequest.first(10)).items())
        .extracting(a -> a.assetId()).containsExactly(ASSET);
    assertThat(f.audit).extracting(AuditEvent::action, AuditEvent::decision, AuditEvent::resource)
        .containsExactly(tuple("assets:delete", AuditEvent.Decision.ALLOW, "asset:" + ASSET));
  }

  @ParameterizedTest
  @Event(value = "deletion/delete-asset.json", type = APIGatewayV2HTTPEvent.class)
  void deleteAsset_again_shouldAnswer202WithTheCurrentState_andChangeNothing(APIGatewayV2HTTPEvent event) {
    f.asset();
    assertThat(f.call(event).getStatusCode()).isEqualTo(202);
    f.audit.clear();
    f.clock.advance(Duration.ofHours(1));
    var again = f.call(event);
    assertThat(again.getStatusCode()).isEqualTo(202);
    assertThat(body(again).path("deletedAt").asText()).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(f.assetCount()).isZero();
    assertThat(f.audit).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "deletion/delete-asset.json", type = APIGatewayV2HTTPEvent.class)
  void deleteAsset_pendingWithAnOpenMultipartUpload_shouldAbortTheUpload(APIGatewayV2HTTPEvent event) {
    String key = ObjectKeys.of("acme", GROUP, ASSET);
    String uploadId = f.objects.startMultipart(key, "text/csv");
    f.c.assetRepository().create(new org.labvault.shared.asset.domain.Asset(ASSET, GROUP, "acme", "big.bin",
        "application/octet-stream", 200L * 1024 * 1024, Fixture.SHA, Classification.INTERNAL, AssetStatus.PENDING_UPLOAD,
        Fixture.NOW, "alice", key, uploadId, Fixture.NOW.plus(Duration.ofMinutes(15)), null));
    var res = f.call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(202);
    assertThat(f.objects.hasOpenUpload(uploadId)).isFalse();
    assertThat(f.assetCount()).isZero();
  }

  @Test
  void deleteAsset_rejected_shouldBeDeletedToo() {
    f.asset(ASSET, AssetStatus.REJECTED, Classification.INTERNAL);
    var res = f.call(ApiEvent.route("DELETE /assets/{assetId}").as("alice", "acme").path("assetId", ASSET).build());
    assertThat(res.getStatusCode()).isEqualTo(202);
    assertThat(f.assetCount()).isZero();
  }

  @ParameterizedTest
  @Event(value = "deletion/delete-asset-read-only.json", type = APIGatewayV2HTTPEvent.class)
  void deleteAsset_byReadOnly_shouldBe403AndAudited(APIGatewayV2HTTPEvent event) {
    f.asset();
    f.audit.clear();
    var res = f.call(event);
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(f.c.assetRepository().find(ASSET).orElseThrow().status()).isEqualTo(AssetStatus.AVAILABLE);
    assertThat(f.audit).extracting(AuditEvent::decision, AuditEvent::role).containsExactly(tuple(AuditEvent.Decision.DENY, "READ_ONLY"));
  }

  @Test
  void deleteAsset_byEdit_shouldBe403() {
    f.asset();
    var res = f.call(ApiEvent.route("DELETE /assets/{assetId}").as("erin", "acme").path("assetId", ASSET).build());
    assertThat(res.getStatusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @Event(value = "deletion/delete-asset-other-tenant.json", type = APIGatewayV2HTTPEvent.class)
  void deleteAsset_byAUserOfAnotherTenant_shouldBeTheSame404AsForNoAsset(APIGatewayV2HTTPEvent event) {
    var missing = f.call(event);
    f.asset();
    var existing = f.call(event);
    assertThat(existing.getStatusCode()).isEqualTo(404);
    assertThat(body(existing).path("detail")).isEqualTo(body(missing).path("detail"));
    assertThat(f.c.assetRepository().find(ASSET).orElseThrow().status()).isEqualTo(AssetStatus.AVAILABLE);
  }

  @Test
  void deleteAsset_withLiveLinks_shouldListThemAsNotifiedBeforeTheFanOutReachesThem() {
    f.asset();
    f.link(LINK, ASSET, APP);
    var res = f.call(ApiEvent.route("DELETE /assets/{assetId}").as("alice", "acme").path("assetId", ASSET).build());
    assertThat(res.getStatusCode()).isEqualTo(202);
    var deletion = body(res).path("deletion");
    assertThat(deletion.path("status").asText()).isEqualTo("PENDING");
    assertThat(deletion.path("links")).singleElement().satisfies(l -> {
      assertThat(l.path("linkId").asText()).isEqualTo(LINK);
      assertThat(l.path("appId").asText()).isEqualTo(APP);
      assertThat(l.path("status").asText()).isEqualTo("NOTIFIED");
      assertThat(l.path("attempts").asInt()).isZero();
      assertThat(l.path("notifiedAt").asText()).isEqualTo("2026-11-23T08:00:00Z");
      assertThat(l.has("confirmedAt")).isFalse();
    });
  }

  // GET /assets/{assetId}/deletion

  @ParameterizedTest
  @Event(value = "deletion/deletion-status.json", type = APIGatewayV2HTTPEvent.class)
  void status_ofAnAssetWithoutDeletedLinks_shouldBeNone(APIGatewayV2HTTPEvent event) {
    f.asset();
    f.link(LINK, ASSET, APP);
    var res = f.call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(200);
    assertThat(body(res).path("status").asText()).isEqualTo("NONE");
    assertThat(body(res).path("links")).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "deletion/deletion-status.json", type = APIGatewayV2HTTPEvent.class)
  void status_shouldGoFromPendingToComplete_whenTheAppConfirms(APIGatewayV2HTTPEvent event) {
    f.asset();
    f.link(LINK, ASSET, APP);
    f.call(ApiEvent.route("DELETE /app-links/{linkId}").as("alice", "acme").path("linkId", LINK).build());
    assertThat(body(f.call(event)).path("status").asText()).isEqualTo("PENDING");
    f.call(ApiEvent.route("POST /app-links/{linkId}/confirm-deletion").as("app:" + APP, null).path("linkId", LINK).build());
    var res = f.call(event);
    assertThat(body(res).path("status").asText()).isEqualTo("COMPLETE");
    assertThat(body(res).at("/links/0/status").asText()).isEqualTo("CONFIRMED");
    assertThat(body(res).at("/links/0/confirmedAt").asText()).isEqualTo("2026-11-23T08:00:00Z");
  }

  @Test
  void status_afterTheAssetWasDeleted_shouldStillBeReadableByMembers() {
    f.asset();
    f.call(ApiEvent.route("DELETE /assets/{assetId}").as("alice", "acme").path("assetId", ASSET).build());
    var res = f.call(ApiEvent.route("GET /assets/{assetId}/deletion").as("bob", "acme").path("assetId", ASSET).build());
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("status").asText()).isEqualTo("NONE");
  }

  // POST /assets/{assetId}/app-links

  @ParameterizedTest
  @Event(value = "deletion/create-app-link.json", type = APIGatewayV2HTTPEvent.class)
  void createLink_shouldStoreALiveLink_andCountIt(APIGatewayV2HTTPEvent event) {
    f.asset();
    f.audit.clear();
    var res = f.call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(201);
    var link = body(res);
    String linkId = link.path("linkId").asText();
    assertThat(link.path("assetId").asText()).isEqualTo(ASSET);
    assertThat(link.path("appId").asText()).isEqualTo(APP);
    assertThat(link.path("externalRef").asText()).isEqualTo("eln:notebook/7/entry/42");
    assertThat(link.path("createdAt").asText()).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(link.path("createdBy").asText()).isEqualTo("alice");
    var item = f.get(LinkItems.key(linkId));
    assertThat(item.get(LinkItems.LINK_STATUS).s()).isEqualTo("LIVE");
    assertThat(item.get(LinkItems.TENANT).s()).isEqualTo("acme");
    assertThat(item.get(Keys.GSI1_PK).s()).isEqualTo("LINKS#" + ASSET);
    assertThat(item).doesNotContainKey(Keys.GSI2_PK);
    assertThat(f.liveLinks(ASSET)).isEqualTo(1);
    assertThat(f.audit).extracting(AuditEvent::action, AuditEvent::decision).containsExactly(
        tuple("app-links:create", AuditEvent.Decision.ALLOW));
  }

  @ParameterizedTest
  @Event(value = "deletion/create-app-link-unregistered-app.json", type = APIGatewayV2HTTPEvent.class)
  void createLink_toAnUnregisteredApp_shouldBe400NamingAppId(APIGatewayV2HTTPEvent event) {
    f.asset();
    var res = f.call(event);
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(problemCode(res)).isEqualTo("VALIDATION");
    assertThat(body(res).path("detail").asText()).startsWith("appId");
    assertThat(f.liveLinks(ASSET)).isZero();
  }

  @Test
  void createLink_withBadFields_shouldBe400NamingTheField() {
    f.asset();
    for (var bad : Map.of(
        "{\"appId\":\"Sample\",\"externalRef\":\"x\"}", "appId",
        "{\"externalRef\":\"x\"}", "appId",
        "{\"appId\":\"sample-eln\",\"externalRef\":\"\"}", "externalRef",
        "{\"appId\":\"sample-eln\",\"externalRef\":\"" + "x".repeat(1025) + "\"}", "externalRef",
        "{\"appId\":\"sample-eln\"}", "externalRef").entrySet()) {
      var res = f.call(ApiEvent.route("POST /assets/{assetId}/app-links").as("alice", "acme").path("assetId", ASSET)
          .json(bad.getKey()).build());
      assertThat(res.getStatusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(body(res).path("detail").asText()).as(bad.getKey()).startsWith(bad.getValue());
    }
    assertThat(f.liveLinks(ASSET)).isZero();
  }

  @ParameterizedTest
  @Event(value = "deletion/create-app-link.json", type = APIGatewayV2HTTPEvent.class)
  void createLink_toASecretAsset_shouldBe409Classification(APIGatewayV2HTTPEvent event) {
    f.asset(ASSET, AssetStatus.AVAILABLE, Classification.SECRET);
    f.audit.clear();
    var res = f.call(event);
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(res)).isEqualTo("CLASSIFICATION");
    assertThat(f.liveLinks(ASSET)).isZero();
    assertThat(f.audit).extracting(AuditEvent::decision).containsExactly(AuditEvent.Decision.DENY);
  }

  @ParameterizedTest
  @Event(value = "deletion/create-app-link.json", type = APIGatewayV2HTTPEvent.class)
  void createLink_toAPendingAsset_shouldBe409NotAvailable(APIGatewayV2HTTPEvent event) {
    f.asset(ASSET, AssetStatus.PENDING_UPLOAD, Classification.INTERNAL);
    var res = f.call(event);
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(res)).isEqualTo("NOT_AVAILABLE");
  }

  @ParameterizedTest
  @Event(value = "deletion/create-app-link.json", type = APIGatewayV2HTTPEvent.class)
  void createLink_byReadOnly_shouldBe403(APIGatewayV2HTTPEvent event) {
    f.asset();
    var res = f.call(ApiEvent.route("POST /assets/{assetId}/app-links").as("bob", "acme").path("assetId", ASSET)
        .json(event.getBody()).build());
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(f.liveLinks(ASSET)).isZero();
  }

  @Test
  void createLink_whenTheAssetTurnedSecretAfterTheServiceLooked_shouldBe409FromTheTransaction() {
    // the service read an INTERNAL asset; the transaction's own condition sees it SECRET
    f.asset();
    var link = org.labvault.shared.deletion.domain.AppLink.live(LINK, ASSET, GROUP, "acme", APP, "x", Fixture.NOW, "alice");
    f.c.assetRepository().update(ASSET, null, Classification.SECRET);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.c.linkRepository().create(link))
        .isInstanceOfSatisfying(org.labvault.shared.error.ConflictException.class, e -> assertThat(e.code()).isEqualTo("CLASSIFICATION"));
    assertThat(f.c.linkRepository().find(LINK)).isEmpty();
    assertThat(f.liveLinks(ASSET)).isZero();
  }

  // GET /assets/{assetId}/app-links

  @ParameterizedTest
  @Event(value = "deletion/list-app-links.json", type = APIGatewayV2HTTPEvent.class)
  void listLinks_shouldAnswerTheLiveLinksOnly_pagedBySignedTokens(APIGatewayV2HTTPEvent event) {
    f.asset();
    String first = "01a20a00-0000-7000-8000-000000000001";
    String second = "01a20a00-0000-7000-8000-000000000002";
    String third = "01a20a00-0000-7000-8000-000000000003";
    f.link(first, ASSET, APP);
    f.link(second, ASSET, "other-app");
    f.link(third, ASSET, APP);
    f.call(ApiEvent.route("DELETE /app-links/{linkId}").as("alice", "acme").path("linkId", second).build());
    var res = f.call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(200);
    assertThat(body(res).path("items").findValuesAsText("linkId")).containsExactly(first, third);
    assertThat(body(res).at("/items/0/externalRef").asText()).isEqualTo("ref-" + first);

    var page1 = f.call(ApiEvent.route("GET /assets/{assetId}/app-links").as("bob", "acme").path("assetId", ASSET)
        .query("limit", "1").build());
    String token = body(page1).path("nextToken").asText();
    assertThat(token).isNotEmpty();
    var page2 = f.call(ApiEvent.route("GET /assets/{assetId}/app-links").as("bob", "acme").path("assetId", ASSET)
        .query("limit", "2").query("nextToken", token).build());
    assertThat(body(page2).path("items").findValuesAsText("linkId")).doesNotContain(first).contains(third);
    // a token of this asset's list names nothing in another asset's list
    String otherAsset = "01a20900-0000-7000-8000-00000000b0b0";
    f.asset(otherAsset, AssetStatus.AVAILABLE, Classification.INTERNAL);
    var foreign = f.call(ApiEvent.route("GET /assets/{assetId}/app-links").as("bob", "acme").path("assetId", otherAsset)
        .query("nextToken", token).build());
    assertThat(foreign.getStatusCode()).isEqualTo(400);
  }

  // DELETE /app-links/{linkId}

  @ParameterizedTest
  @Event(value = "deletion/delete-app-link.json", type = APIGatewayV2HTTPEvent.class)
  void deleteLink_shouldMarkItDeletedForTheFanOut_andUncountIt(APIGatewayV2HTTPEvent event) {
    f.asset();
    f.link(LINK, ASSET, APP);
    f.audit.clear();
    f.clock.advance(Duration.ofMinutes(1));
    var res = f.call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(202);
    var entry = body(res);
    assertThat(entry.path("linkId").asText()).isEqualTo(LINK);
    assertThat(entry.path("appId").asText()).isEqualTo(APP);
    assertThat(entry.path("status").asText()).isEqualTo("NOTIFIED");
    assertThat(entry.path("notifiedAt").asText()).isEqualTo("2026-11-23T08:01:00Z");
    assertThat(entry.path("attempts").asInt()).isZero();
    var item = f.get(LinkItems.key(LINK));
    assertThat(item.get(LinkItems.LINK_STATUS).s()).isEqualTo("DELETED");
    assertThat(item.get(LinkItems.REASON).s()).isEqualTo("LINK_DELETED");
    assertThat(item.get(LinkItems.NOTICE).s()).isEqualTo("NOTIFIED");
    assertThat(item.get(LinkItems.ATTEMPT).n()).isEqualTo("1");
    assertThat(item.get(LinkItems.PUBLISHED_ATTEMPT).n()).isEqualTo("0");
    assertThat(item.get(LinkItems.DELETED_AT).s()).isEqualTo("2026-11-23T08:01:00Z");
    assertThat(item.get(LinkItems.DELETED_BY).s()).isEqualTo("alice");
    assertThat(item).doesNotContainKey(LinkItems.NOTIFIED_AT);
    // due for the schedule RENOTIFY_AFTER_SECONDS (3600) on, should no publication of attempt 1 get through
    assertThat(item.get(Keys.GSI2_PK).s()).isEqualTo(Keys.due(LINK));
    assertThat(item.get(Keys.GSI2_SK).s()).isEqualTo("2026-11-23T09:01:00Z#" + LINK);
    assertThat(f.liveLinks(ASSET)).isZero();
    assertThat(f.audit).extracting(AuditEvent::action, AuditEvent::decision, AuditEvent::resource).containsExactly(
        tuple("app-links:delete", AuditEvent.Decision.ALLOW, "link:" + LINK));
  }

  @ParameterizedTest
  @Event(value = "deletion/delete-app-link.json", type = APIGatewayV2HTTPEvent.class)
  void deleteLink_again_shouldAnswerTheCurrentEntry_andChangeNothing(APIGatewayV2HTTPEvent event) {
    f.asset();
    f.link(LINK, ASSET, APP);
    f.call(event);
    f.clock.advance(Duration.ofMinutes(1));
    var again = f.call(event);
    assertThat(again.getStatusCode()).isEqualTo(202);
    assertThat(body(again).path("notifiedAt").asText()).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(f.liveLinks(ASSET)).isZero();
  }

  @Test
  void deleteLink_byEdit_shouldBe403_andKeepItLive() {
    f.asset();
    f.link(LINK, ASSET, APP);
    var res = f.call(ApiEvent.route("DELETE /app-links/{linkId}").as("erin", "acme").path("linkId", LINK).build());
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(f.c.linkRepository().find(LINK).orElseThrow().status()).isEqualTo(LinkStatus.LIVE);
  }

  // POST /app-links/{linkId}/confirm-deletion

  @ParameterizedTest
  @Event(value = "deletion/confirm-deletion.json", type = APIGatewayV2HTTPEvent.class)
  void confirm_byTheLinksApp_shouldConfirm_andTakeTheNoticeOffTheWaitingIndex(APIGatewayV2HTTPEvent event) {
    f.asset();
    f.link(LINK, ASSET, APP);
    f.call(ApiEvent.route("DELETE /app-links/{linkId}").as("alice", "acme").path("linkId", LINK).build());
    // as the fan-out leaves it after publishing attempt 1
    f.table.client().updateItem(r -> r.tableName(org.labvault.shared.testing.EmbeddedTable.NAME).key(LinkItems.key(LINK))
        .updateExpression("SET #g2pk = :due, #g2sk = :at").expressionAttributeNames(Map.of("#g2pk", Keys.GSI2_PK, "#g2sk", Keys.GSI2_SK))
        .expressionAttributeValues(Map.of(":due", s(Keys.due(LINK)), ":at", s("2026-11-23T09:00:00Z#" + LINK))));
    f.audit.clear();
    f.clock.advance(Duration.ofMinutes(2));
    var res = f.call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(204);
    assertThat(res.getBody()).isNull();
    var item = f.get(LinkItems.key(LINK));
    assertThat(item.get(LinkItems.NOTICE).s()).isEqualTo("CONFIRMED");
    assertThat(item.get(LinkItems.CONFIRMED_AT).s()).isEqualTo("2026-11-23T08:02:00Z");
    assertThat(item).doesNotContainKeys(Keys.GSI2_PK, Keys.GSI2_SK);
    assertThat(f.audit).extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::decision).containsExactly(
        tuple("app:" + APP, "app-links:confirm-deletion", AuditEvent.Decision.ALLOW));
    // again: the same answer, nothing changes
    f.clock.advance(Duration.ofMinutes(2));
    assertThat(f.call(event).getStatusCode()).isEqualTo(204);
    assertThat(f.get(LinkItems.key(LINK)).get(LinkItems.CONFIRMED_AT).s()).isEqualTo("2026-11-23T08:02:00Z");
  }

  @Test
  void confirm_ofAnOverdueNotice_shouldStillConfirm() {
    f.asset();
    f.link(LINK, ASSET, APP);
    f.call(ApiEvent.route("DELETE /app-links/{linkId}").as("alice", "acme").path("linkId", LINK).build());
    f.table.client().updateItem(r -> r.tableName(org.labvault.shared.testing.EmbeddedTable.NAME).key(LinkItems.key(LINK))
        .updateExpression("SET #notice = :overdue, #g2pk = :overdue, #g2sk = :at")
        .expressionAttributeNames(Map.of("#notice", LinkItems.NOTICE, "#g2pk", Keys.GSI2_PK, "#g2sk", Keys.GSI2_SK))
        .expressionAttributeValues(Map.of(":overdue", s(Keys.OVERDUE), ":at", s("2026-11-30T08:00:00Z#" + LINK))));
    var res = f.call(ApiEvent.route("POST /app-links/{linkId}/confirm-deletion").as("app:" + APP, null).path("linkId", LINK).build());
    assertThat(res.getStatusCode()).isEqualTo(204);
    assertThat(f.c.linkRepository().find(LINK).orElseThrow().deletion().notice()).isEqualTo(NoticeStatus.CONFIRMED);
    assertThat(f.c.linkRepository().overdue(org.labvault.shared.paging.PageRequest.first(10)).items()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "deletion/confirm-deletion-other-app.json", type = APIGatewayV2HTTPEvent.class)
  void confirm_byAnotherApp_shouldBe404AndAudited(APIGatewayV2HTTPEvent event) {
    f.asset();
    f.link(LINK, ASSET, APP);
    f.call(ApiEvent.route("DELETE /app-links/{linkId}").as("alice", "acme").path("linkId", LINK).build());
    f.audit.clear();
    var res = f.call(event);
    assertThat(res.getStatusCode()).isEqualTo(404);
    assertThat(f.c.linkRepository().find(LINK).orElseThrow().deletion().notice()).isEqualTo(NoticeStatus.NOTIFIED);
    assertThat(f.audit).extracting(AuditEvent::decision).containsExactly(AuditEvent.Decision.DENY);
  }

  @Test
  void confirm_ofALiveLink_byAUser_orOfNoLink_shouldBeTheSame404() {
    f.asset();
    f.link(LINK, ASSET, APP);
    var live = f.call(ApiEvent.route("POST /app-links/{linkId}/confirm-deletion").as("app:" + APP, null).path("linkId", LINK).build());
    var user = f.call(ApiEvent.route("POST /app-links/{linkId}/confirm-deletion").as("alice", "acme").path("linkId", LINK).build());
    var none = f.call(ApiEvent.route("POST /app-links/{linkId}/confirm-deletion").as("app:" + APP, null)
        .path("linkId", "01a20a00-0000-7000-8000-00000000dead").build());
    for (var res : List.of(live, user, none)) {
      assertThat(res.getStatusCode()).isEqualTo(404);
      assertThat(body(res).path("detail")).isEqualTo(body(none).path("detail"));
    }
    assertThat(f.c.linkRepository().find(LINK).orElseThrow().status()).isEqualTo(LinkStatus.LIVE);
  }

  // every route: outsiders learn nothing, and nothing changes

  static Stream<String> routes() {
    return Stream.of("DELETE /assets/{assetId}", "GET /assets/{assetId}/deletion", "POST /assets/{assetId}/app-links",
        "GET /assets/{assetId}/app-links", "DELETE /app-links/{linkId}", "POST /app-links/{linkId}/confirm-deletion");
  }

  private APIGatewayV2HTTPEvent outsiderCall(String route, String sub, String tenant) {
    var event = ApiEvent.route(route).as(sub, tenant);
    if (route.contains("{assetId}")) {
      event.path("assetId", ASSET);
    } else {
      event.path("linkId", LINK);
    }
    if (route.startsWith("POST /assets")) {
      event.json("{\"appId\":\"sample-eln\",\"externalRef\":\"mine\"}");
    }
    return event.build();
  }

  @ParameterizedTest
  @MethodSource("routes")
  void everyRoute_forAMemberOfAnotherGroup_aUserOfAnotherTenant_orAnApp_shouldBe404_audited_andChangeNothing(String route) {
    // given an asset with a deleted link (so confirm could apply) and a live one
    f.asset();
    f.link(LINK, ASSET, APP);
    f.call(ApiEvent.route("DELETE /app-links/{linkId}").as("alice", "acme").path("linkId", LINK).build());
    f.link("01a20a00-0000-7000-8000-000000000077", ASSET, APP);
    f.audit.clear();
    var outsiders = route.contains("confirm-deletion")
        ? List.of(new String[] {"dave", "acme"}, new String[] {"carol", "globex"}, new String[] {"app:other-app", null})
        : List.of(new String[] {"dave", "acme"}, new String[] {"carol", "globex"}, new String[] {"app:" + APP, null});
    for (String[] who : outsiders) {
      var res = f.call(outsiderCall(route, who[0], who[1]));
      assertThat(res.getStatusCode()).as(route + " as " + who[0]).isEqualTo(404);
      assertThat(problemCode(res)).isEqualTo("NOT_FOUND");
    }
    assertThat(f.audit).as("every refusal is audited").hasSize(outsiders.size())
        .extracting(AuditEvent::decision).containsOnly(AuditEvent.Decision.DENY);
    assertThat(f.c.assetRepository().find(ASSET).orElseThrow().status()).isEqualTo(AssetStatus.AVAILABLE);
    assertThat(f.liveLinks(ASSET)).isEqualTo(1);
    assertThat(f.c.linkRepository().find(LINK).orElseThrow().deletion().notice()).isEqualTo(NoticeStatus.NOTIFIED);
  }
}
