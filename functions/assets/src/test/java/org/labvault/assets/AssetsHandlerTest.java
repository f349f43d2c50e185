package org.labvault.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.asset.domain.ObjectKeys;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.json.Json;
import org.labvault.shared.testing.ApiEvent;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Assets routes, on the sample events, against the DynamoDB engine in process and a bucket in memory. */
class AssetsHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
  /** The ids the sample events in events/assets name. */
  static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";
  static final String ASSET = "01a20900-0000-7000-8000-00000000a55e";
  static final String SHA = "7bLJBEF1mK57MwdcADOdtK92qemyDEC7Ywzt/mNeVB0=";

  private EmbeddedTable table;
  private TestClock clock;
  private InMemoryObjectStore objects;
  private List<AuditEvent> audit;
  private TestAssetsComponent c;
  private AssetsHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    clock = new TestClock(NOW);
    objects = new InMemoryObjectStore(clock);
    audit = new ArrayList<>();
    c = DaggerTestAssetsComponent.factory().create(table.client(), clock, audit, objects);
    handler = new AssetsHandler(c);
    put(Map.of(Keys.PK, s(Keys.group(GROUP)), Keys.SK, s(Keys.META), "groupId", s(GROUP), "tenant", s("acme"),
        "status", s(Keys.GROUP_ACTIVE), Keys.ASSET_COUNT, AttributeValue.fromN("0")));
    member("alice", "ADMIN");
    member("bob", "READ_ONLY");
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private void put(Map<String, AttributeValue> item) {
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  private void member(String userId, String role) {
    put(Map.of(Keys.PK, s(Keys.group(GROUP)), Keys.SK, s(Keys.member(userId)), "role", s(role)));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private long assetCount() {
    return Long.parseLong(table.client().getItem(r -> r.tableName(EmbeddedTable.NAME)
        .key(Map.of(Keys.PK, s(Keys.group(GROUP)), Keys.SK, s(Keys.META)))).item().get(Keys.ASSET_COUNT).n());
  }

  /** The asset the sample events name, declared by alice, in {@code status}. */
  private Asset seedAsset(long size, AssetStatus status) {
    String key = ObjectKeys.of("acme", GROUP, ASSET);
    String uploadId = size > 100 * 1024 * 1024 ? objects.startMultipart(key, "text/csv") : null;
    var asset = new Asset(ASSET, GROUP, "acme", "run-42.csv", "text/csv", size, SHA, Classification.INTERNAL,
        AssetStatus.PENDING_UPLOAD, NOW, "alice", key, uploadId, NOW.plus(Duration.ofMinutes(15)), null);
    c.repository().create(asset);
    if (status == AssetStatus.AVAILABLE) {
      assertThat(c.repository().markAvailable(ASSET, objects.land(key, "hello lab\n".getBytes(), SHA), Instant.now())).isTrue();
    }
    audit.clear();
    return asset;
  }

  private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new FakeContext());
  }

  private static JsonNode body(APIGatewayV2HTTPResponse res) {
    try {
      return Json.instance().mapper().readTree(res.getBody());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @Event(value = "assets/create-asset.json", type = APIGatewayV2HTTPEvent.class)
  void create_shouldStoreAPendingAssetAndSignOnePut(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(201);
    JsonNode created = body(res);
    String id = created.path("assetId").asText();
    assertThat(created.path("status").asText()).isEqualTo("PENDING_UPLOAD");
    assertThat(created.at("/upload/method").asText()).isEqualTo("PUT");
    assertThat(created.at("/upload/url").asText()).contains("assets/acme/" + GROUP + "/" + id).doesNotContain("run-42");
    assertThat(created.at("/upload/headers/x-amz-server-side-encryption").asText()).isEqualTo("AES256");
    assertThat(created.at("/upload/expiresAt").asText()).isEqualTo("2026-11-23T08:15:00Z");
    Asset stored = c.repository().find(id).orElseThrow();
    assertThat(stored.status()).isEqualTo(AssetStatus.PENDING_UPLOAD);
    assertThat(stored.classification()).isEqualTo(Classification.INTERNAL);
    assertThat(stored.createdBy()).isEqualTo("alice");
    assertThat(assetCount()).isEqualTo(1);
    assertThat(audit).extracting(AuditEvent::action, AuditEvent::decision, AuditEvent::resource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("assets:write", AuditEvent.Decision.ALLOW, "asset:" + id));
  }

  @ParameterizedTest
  @Event(value = "assets/create-asset-multipart.json", type = APIGatewayV2HTTPEvent.class)
  void create_aboveTheThreshold_shouldOpenAMultipartUpload(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(201);
    JsonNode upload = body(res).path("upload");
    assertThat(upload.path("multipart").asBoolean()).isTrue();
    assertThat(upload.path("partSizeBytes").asLong()).isEqualTo(5L * 1024 * 1024);
    assertThat(upload.path("parts")).hasSize(21);
    assertThat(upload.at("/parts/20/url").asText()).endsWith("partNumber=21&size=1");
    String uploadId = c.repository().find(body(res).path("assetId").asText()).orElseThrow().uploadId();
    assertThat(objects.hasOpenUpload(uploadId)).isTrue();
  }

  @ParameterizedTest
  @Event(value = "assets/create-asset-read-only.json", type = APIGatewayV2HTTPEvent.class)
  void create_asReadOnly_shouldBe403AndStoreNothing(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(assetCount()).isZero();
    assertThat(audit).extracting(AuditEvent::decision, AuditEvent::role).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AuditEvent.Decision.DENY, "READ_ONLY"));
  }

  @ParameterizedTest
  @Event(value = "assets/create-asset-invalid.json", type = APIGatewayV2HTTPEvent.class)
  void create_withABadDigest_shouldBe400NamingTheField(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(body(res).path("detail").asText()).startsWith("sha256");
    assertThat(assetCount()).isZero();
  }

  @Test
  void create_withTextThatCouldNotBeStoredOrUploadedAsSent_shouldBe400NamingTheField() {
    member("erin", "EDIT");
    String rest = ",\"sizeBytes\":1,\"sha256\":\"" + SHA + "\"}";
    for (var bad : java.util.Map.of(
        "{\"name\":\"run\\ud800.csv\",\"contentType\":\"text/csv\"" + rest, "name:",
        "{\"name\":\"run.csv\",\"contentType\":\"text/plain; charset=\\\"\u00e9\\\"\"" + rest, "contentType:",
        "{\"name\":\"run.csv\",\"contentType\":\"text/plain; charset\"" + rest, "contentType:",
        "{\"name\":\"run.csv\",\"contentType\":\"text/\\udc00\"" + rest, "contentType:").entrySet()) {
      var event = ApiEvent.route("POST /groups/{groupId}/assets").as("erin", "acme").path("groupId", GROUP)
          .json(bad.getKey()).build();
      var res = call(event);
      assertThat(res.getStatusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(body(res).path("code").asText()).isEqualTo("VALIDATION");
      assertThat(body(res).path("detail").asText()).as(bad.getKey()).startsWith(bad.getValue());
    }
    assertThat(assetCount()).isZero();
  }

  @Test
  void create_whenTheMemberWasDemotedMeanwhile_shouldStoreNothing() {
    // the authorization read saw EDIT; the transaction re-checks the member item
    member("erin", "EDIT");
    var event = ApiEvent.route("POST /groups/{groupId}/assets").as("erin", "acme").path("groupId", GROUP)
        .json("{\"name\":\"a\",\"contentType\":\"text/plain\",\"sizeBytes\":1,\"sha256\":\"" + SHA + "\"}").build();
    assertThat(call(event).getStatusCode()).isEqualTo(201);
    var asset = c.repository().list(GROUP, null, org.labvault.shared.paging.PageRequest.first(10)).items().getFirst();
    member("erin", "READ_ONLY");
    var again = new Asset(org.labvault.shared.id.Ids.newId(clock), GROUP, "acme", "b", "text/plain", 1, SHA,
        Classification.PUBLIC, AssetStatus.PENDING_UPLOAD, NOW, "erin", "k", null, NOW, null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.repository().create(again))
        .isInstanceOf(org.labvault.shared.error.ForbiddenException.class);
    assertThat(assetCount()).isEqualTo(1);
    assertThat(c.repository().find(again.assetId())).isEmpty();
    assertThat(asset.createdBy()).isEqualTo("erin");
  }

  @ParameterizedTest
  @Event(value = "assets/list-assets.json", type = APIGatewayV2HTTPEvent.class)
  void list_shouldShowTheGroupsAssets(APIGatewayV2HTTPEvent event) {
    seedAsset(10, AssetStatus.PENDING_UPLOAD);
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("items").findValuesAsText("assetId")).containsExactly(ASSET);
  }

  @Test
  void list_shouldLeaveDeletedAssetsOutUnlessAskedFor() {
    seedAsset(10, AssetStatus.AVAILABLE);
    // as the deletion will leave it: DELETED, and in the group's list of deleted assets
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME).key(Map.of(Keys.PK, s(Keys.asset(ASSET)), Keys.SK, s(Keys.META)))
        .updateExpression("SET #s = :d, #g = :g").expressionAttributeNames(Map.of("#s", "status", "#g", Keys.GSI1_PK))
        .expressionAttributeValues(Map.of(":d", s("DELETED"), ":g", s(Keys.groupAssets(GROUP, true)))));
    var all = call(ApiEvent.route("GET /groups/{groupId}/assets").as("bob", "acme").path("groupId", GROUP).build());
    assertThat(body(all).path("items")).isEmpty();
    var deleted = call(ApiEvent.route("GET /groups/{groupId}/assets").as("bob", "acme").path("groupId", GROUP)
        .query("status", "DELETED").build());
    assertThat(body(deleted).path("items").findValuesAsText("status")).containsExactly("DELETED");
    var patch = call(ApiEvent.route("PATCH /assets/{assetId}").as("alice", "acme").path("assetId", ASSET)
        .json("{\"name\":\"revived\"}").build());
    assertThat(patch.getStatusCode()).isEqualTo(409);
    assertThat(c.repository().find(ASSET).orElseThrow().name()).isEqualTo("run-42.csv");
  }

  @ParameterizedTest
  @Event(value = "assets/get-asset.json", type = APIGatewayV2HTTPEvent.class)
  void get_shouldAnswerTheAssetWithoutItsStorageDetails(APIGatewayV2HTTPEvent event) {
    seedAsset(10, AssetStatus.PENDING_UPLOAD);
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    JsonNode asset = body(res);
    assertThat(asset.path("name").asText()).isEqualTo("run-42.csv");
    assertThat(asset.path("createdAt").asText()).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(asset.has("objectKey")).isFalse();
    assertThat(asset.has("uploadId")).isFalse();
    assertThat(asset.has("tenant")).isFalse();
  }

  @ParameterizedTest
  @Event(value = "assets/get-asset-other-tenant.json", type = APIGatewayV2HTTPEvent.class)
  void get_byAUserOfAnotherTenant_shouldBeTheSame404AsForNoAsset(APIGatewayV2HTTPEvent event) {
    var missing = call(event);
    seedAsset(10, AssetStatus.AVAILABLE);
    var existing = call(event);
    assertThat(existing.getStatusCode()).isEqualTo(404);
    assertThat(body(existing).path("detail")).isEqualTo(body(missing).path("detail"));
    assertThat(audit).extracting(AuditEvent::decision).containsOnly(AuditEvent.Decision.DENY);
  }

  @ParameterizedTest
  @Event(value = "assets/update-asset.json", type = APIGatewayV2HTTPEvent.class)
  void update_shouldRenameAndReclassify(APIGatewayV2HTTPEvent event) {
    seedAsset(10, AssetStatus.AVAILABLE);
    var res = call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(200);
    Asset stored = c.repository().find(ASSET).orElseThrow();
    assertThat(stored.name()).isEqualTo("run-42-final.csv");
    assertThat(stored.classification()).isEqualTo(Classification.SECRET);
    assertThat(stored.status()).isEqualTo(AssetStatus.AVAILABLE);
  }

  @Test
  void update_withAnUnknownFieldOrNothing_shouldBe400() {
    seedAsset(10, AssetStatus.AVAILABLE);
    for (String json : List.of("{\"status\":\"AVAILABLE\"}", "{}", "{\"classification\":\"TOP\"}", "{\"name\":\"\"}")) {
      var event = ApiEvent.route("PATCH /assets/{assetId}").as("alice", "acme").path("assetId", ASSET).json(json).build();
      assertThat(call(event).getStatusCode()).as(json).isEqualTo(400);
    }
    assertThat(c.repository().find(ASSET).orElseThrow().name()).isEqualTo("run-42.csv");
  }

  @ParameterizedTest
  @Event(value = "assets/download-asset.json", type = APIGatewayV2HTTPEvent.class)
  void download_shouldSignTheVerifiedVersionForTheClassificationsLifetime(APIGatewayV2HTTPEvent event) {
    seedAsset(10, AssetStatus.AVAILABLE);
    var res = call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(200);
    JsonNode link = body(res);
    assertThat(link.path("url").asText()).contains("versionId=v1").contains("expires=900");
    assertThat(link.path("expiresAt").asText()).isEqualTo("2026-11-23T08:15:00Z");
    assertThat(audit).extracting(AuditEvent::action, AuditEvent::actor).containsExactly(
        org.assertj.core.groups.Tuple.tuple("assets:download", "bob"));
  }

  @ParameterizedTest
  @Event(value = "assets/download-asset.json", type = APIGatewayV2HTTPEvent.class)
  void download_ofAPendingAsset_shouldBe409NotAvailable(APIGatewayV2HTTPEvent event) {
    seedAsset(10, AssetStatus.PENDING_UPLOAD);
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(body(res).path("code").asText()).isEqualTo("NOT_AVAILABLE");
  }

  @ParameterizedTest
  @Event(value = "assets/complete-upload.json", type = APIGatewayV2HTTPEvent.class)
  void complete_ofASinglePutUpload_shouldBe409(APIGatewayV2HTTPEvent event) {
    seedAsset(10, AssetStatus.PENDING_UPLOAD);
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(body(res).path("code").asText()).isEqualTo("NOT_MULTIPART");
  }

  /** The body that completes with these ETags, part 1 first. */
  private static String completion(List<String> etags) {
    StringBuilder parts = new StringBuilder("{\"parts\":[");
    for (int n = 1; n <= etags.size(); n++) {
      parts.append(n == 1 ? "" : ",").append("{\"partNumber\":").append(n).append(",\"etag\":\"").append(etags.get(n - 1)).append("\"}");
    }
    return parts.append("]}").toString();
  }

  /** Uploads the 21 parts of a 100 MiB + 1 byte asset; answers their ETags. */
  private List<String> landParts(Asset asset) {
    List<String> etags = new ArrayList<>();
    for (int n = 1; n <= 21; n++) {
      etags.add(objects.landPart(asset.uploadId(), n, ("part " + n).getBytes()));
    }
    return etags;
  }

  @Test
  void complete_withPartsTheStoreDoesNotHave_shouldBe400NamingThem_andKeepTheUploadOpen() {
    // given a multipart upload before any part landed
    Asset asset = seedAsset(100L * 1024 * 1024 + 1, AssetStatus.PENDING_UPLOAD);
    List<String> madeUp = new ArrayList<>();
    for (int n = 1; n <= 21; n++) {
      madeUp.add("made-up-" + n);
    }
    // when completed with made-up ETags
    var early = call(complete(completion(madeUp)));
    // then every part is named, and the upload stays open
    assertThat(early.getStatusCode()).as(early.getBody()).isEqualTo(400);
    assertThat(body(early).path("code").asText()).isEqualTo("VALIDATION");
    assertThat(body(early).path("detail").asText()).startsWith("parts: S3 holds no parts 1, 2, 3,").contains(", 21 ");
    assertThat(objects.hasOpenUpload(asset.uploadId())).isTrue();

    // when the parts land and one ETag is wrong (quotes around the others are fine)
    List<String> etags = landParts(asset);
    List<String> oneWrong = new ArrayList<>(etags.stream().map(e -> "\\\"" + e + "\\\"").toList());
    oneWrong.set(4, etags.get(5));
    var wrong = call(complete(completion(oneWrong)));
    assertThat(wrong.getStatusCode()).as(wrong.getBody()).isEqualTo(400);
    assertThat(body(wrong).path("detail").asText()).startsWith("parts: S3 holds no part 5 with the ETag given;");
    assertThat(objects.hasOpenUpload(asset.uploadId())).isTrue();

    // then the right ones complete it
    var done = call(complete(completion(etags)));
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(200);
    assertThat(objects.hasOpenUpload(asset.uploadId())).isFalse();
  }

  @Test
  void complete_ofAnAbortedUpload_shouldBe409UploadClosed() {
    Asset asset = seedAsset(100L * 1024 * 1024 + 1, AssetStatus.PENDING_UPLOAD);
    List<String> etags = landParts(asset);
    objects.abort(asset.uploadId());
    var res = call(complete(completion(etags)));
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(body(res).path("code").asText()).isEqualTo("UPLOAD_CLOSED");
  }

  @Test
  void complete_ofAMultipartUpload_shouldCompleteItOnceAndCheckTheParts() {
    Asset asset = seedAsset(100L * 1024 * 1024 + 1, AssetStatus.PENDING_UPLOAD);
    String all = completion(landParts(asset));
    var wrongOrder = all.replace("\"partNumber\":2,", "\"partNumber\":3,");
    assertThat(call(complete(wrongOrder)).getStatusCode()).isEqualTo(400);
    assertThat(call(complete("{\"parts\":[{\"partNumber\":1,\"etag\":\"e1\"}]}")).getStatusCode()).isEqualTo(400);
    assertThat(objects.hasOpenUpload(asset.uploadId())).isTrue();
    var res = call(complete(all));
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(200);
    assertThat(objects.hasOpenUpload(asset.uploadId())).isFalse();
    // S3 no longer knows the upload and no object landed: the upload is closed
    assertThat(call(complete(all)).getStatusCode()).isEqualTo(409);
  }

  private static APIGatewayV2HTTPEvent complete(String json) {
    return ApiEvent.route("POST /assets/{assetId}/complete").as("alice", "acme").path("assetId", ASSET).json(json).build();
  }

  /** The asset as DELETE /assets/{assetId} leaves it (the Deletion function owns that route). */
  private void deleteAsAlice() {
    var asset = c.repository().find(ASSET).orElseThrow();
    assertThat(c.repository().delete(asset, NOW.plus(Duration.ofMinutes(3)), "alice")).isTrue();
  }

  @ParameterizedTest
  @Event(value = "assets/get-asset.json", type = APIGatewayV2HTTPEvent.class)
  void get_ofADeletedAsset_shouldStillAnswerMembers_withWhenAndWhoDeletedIt(APIGatewayV2HTTPEvent event) {
    seedAsset(10, AssetStatus.AVAILABLE);
    assertThat(body(call(event)).has("deletedAt")).isFalse();
    deleteAsAlice();
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("status").asText()).isEqualTo("DELETED");
    assertThat(body(res).path("deletedAt").asText()).isEqualTo("2026-11-23T08:03:00Z");
    assertThat(body(res).path("deletedBy").asText()).isEqualTo("alice");
    assertThat(assetCount()).isZero();
  }

  @ParameterizedTest
  @Event(value = "assets/download-asset.json", type = APIGatewayV2HTTPEvent.class)
  void download_ofADeletedAsset_shouldBe409NotAvailable(APIGatewayV2HTTPEvent event) {
    seedAsset(10, AssetStatus.AVAILABLE);
    deleteAsAlice();
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(body(res).path("code").asText()).isEqualTo("NOT_AVAILABLE");
  }

  @Test
  void list_ofADeletedAsset_shouldShowItOnlyWithStatusDeleted() {
    seedAsset(10, AssetStatus.AVAILABLE);
    deleteAsAlice();
    var all = call(ApiEvent.route("GET /groups/{groupId}/assets").as("bob", "acme").path("groupId", GROUP).build());
    assertThat(body(all).path("items")).isEmpty();
    var available = call(ApiEvent.route("GET /groups/{groupId}/assets").as("bob", "acme").path("groupId", GROUP)
        .query("status", "AVAILABLE").build());
    assertThat(body(available).path("items")).isEmpty();
    var deleted = call(ApiEvent.route("GET /groups/{groupId}/assets").as("bob", "acme").path("groupId", GROUP)
        .query("status", "DELETED").build());
    assertThat(body(deleted).path("items").findValuesAsText("assetId")).containsExactly(ASSET);
    assertThat(body(deleted).at("/items/0/deletedBy").asText()).isEqualTo("alice");
  }

  /** Live app links, as the Deletion function's link transactions count them on the asset. */
  private void liveLinks(long n) {
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME).key(Map.of(Keys.PK, s(Keys.asset(ASSET)), Keys.SK, s(Keys.META)))
        .updateExpression("SET #l = :n").expressionAttributeNames(Map.of("#l", Keys.LIVE_LINKS))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Long.toString(n)))));
  }

  @ParameterizedTest
  @Event(value = "assets/update-asset.json", type = APIGatewayV2HTTPEvent.class)
  void update_toSecret_whileAppsHoldLiveLinks_shouldBe409Classification_andChangeNothing(APIGatewayV2HTTPEvent event) {
    seedAsset(10, AssetStatus.AVAILABLE);
    liveLinks(1);
    var res = call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(409);
    assertThat(body(res).path("code").asText()).isEqualTo("CLASSIFICATION");
    Asset stored = c.repository().find(ASSET).orElseThrow();
    assertThat(stored.classification()).isEqualTo(Classification.INTERNAL);
    assertThat(stored.name()).isEqualTo("run-42.csv");
    assertThat(audit).extracting(AuditEvent::decision).containsExactly(AuditEvent.Decision.DENY);
    // renaming alone, or any other classification, is still fine
    var rename = call(ApiEvent.route("PATCH /assets/{assetId}").as("alice", "acme").path("assetId", ASSET)
        .json("{\"name\":\"renamed.csv\",\"classification\":\"CONFIDENTIAL\"}").build());
    assertThat(rename.getStatusCode()).isEqualTo(200);
    // once the last link is deleted, SECRET is allowed
    liveLinks(0);
    assertThat(call(event).getStatusCode()).isEqualTo(200);
    assertThat(c.repository().find(ASSET).orElseThrow().classification()).isEqualTo(Classification.SECRET);
  }
}
