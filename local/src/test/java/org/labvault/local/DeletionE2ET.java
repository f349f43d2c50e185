package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.Apps;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Uploads;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Deletion fan-out on the local stack, with real SQS clients playing the applications: alice
 * (acme) holds the group, bob (acme) reads in it, dave (acme) is in no group of hers, carol
 * belongs to another tenant. {@code sample-eln} is the template's own subscriber, which confirms
 * by itself; {@code lims} is played by the test from a queue of its own.
 */
class DeletionE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Duration DELIVERY = Duration.ofSeconds(30);

  static HttpApi api;
  static Uploads uploads;
  static SqsClient sqs;
  static SnsClient sns;
  static Apps apps;
  static Apps.App lims;
  static String alice;
  static String bob;
  static String carol;
  static String dave;
  static String group;

  @BeforeAll
  static void setUp() {
    api = STACK.api();
    uploads = new Uploads(api);
    sqs = STACK.stack().sqsClient();
    sns = STACK.stack().snsClient();
    apps = new Apps(api, sqs, sns);
    apps.register("sample-eln");
    lims = apps.registerAndSubscribe("lims");
    alice = api.token("alice", "acme");
    bob = api.token("bob", "acme");
    carol = api.token("carol", "globex");
    dave = api.token("dave", "acme");
    group = api.createGroup(alice, "deletion lab");
    api.addMember(alice, group, "bob", bob, "READ_ONLY");
  }

  @AfterAll
  static void tearDown() {
    sqs.close();
    sns.close();
  }

  // ---- helpers

  static String uploaded(String name) throws Exception {
    byte[] content = new byte[2048];
    new Random(name.hashCode()).nextBytes(content);
    JsonNode created = uploads.declare(alice, group, name, content, null);
    assertThat(Uploads.put(created.at("/upload/url").asText(), Uploads.headersOf(created.path("upload")), content)
        .statusCode()).isEqualTo(200);
    String assetId = created.path("assetId").asText();
    uploads.awaitStatus(alice, assetId, "AVAILABLE");
    return assetId;
  }

  static String link(String assetId, String appId, String externalRef) {
    var res = api.postJson("/assets/" + assetId + "/app-links", alice,
        "{\"appId\":\"" + appId + "\",\"externalRef\":\"" + externalRef + "\"}");
    assertThat(res.status()).as(res.body()).isEqualTo(201);
    return res.json().path("linkId").asText();
  }

  static JsonNode deletion(String assetId) {
    var res = api.get("/assets/" + assetId + "/deletion", bob);
    assertThat(res.status()).as(res.body()).isEqualTo(200);
    return res.json();
  }

  static JsonNode body(Message m) throws Exception {
    return Json.instance().mapper().readTree(m.body());
  }

  static JsonNode awaitDeletionStatus(String assetId, String status) {
    return await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200)).until(() -> deletion(assetId),
        d -> d.path("status").asText().equals(status));
  }

  // ---- fan-out

  @Test
  void eachAppReceivesExactlyItsNoticesAndTheDeletionCompletesWhenAllConfirmed() throws Exception {
    String assetId = uploaded("plate-reads.csv");
    String eln1 = link(assetId, "sample-eln", "ELN-1");
    String eln2 = link(assetId, "sample-eln", "ELN-2");
    String limsLink = link(assetId, "lims", "LIMS-7");
    assertThat(deletion(assetId).path("status").asText()).isEqualTo("NONE");

    var deleted = api.send("DELETE", "/assets/" + assetId, alice, null, null);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(202);
    assertThat(deleted.json().path("status").asText()).isEqualTo("DELETED");
    assertThat(deleted.json().path("deletedAt").asText()).isNotBlank();
    assertThat(deleted.json().at("/deletion/status").asText()).isEqualTo("PENDING");
    assertThat(deleted.json().at("/deletion/links")).hasSize(3);

    List<Message> got = apps.receive(lims, 1, DELIVERY);
    assertThat(got).hasSize(1);
    JsonNode notice = body(got.get(0));
    assertThat(notice.path("type").asText()).isEqualTo("AppLinkDeleted");
    assertThat(notice.path("linkId").asText()).isEqualTo(limsLink);
    assertThat(notice.path("assetId").asText()).isEqualTo(assetId);
    assertThat(notice.path("groupId").asText()).isEqualTo(group);
    assertThat(notice.path("appId").asText()).isEqualTo("lims");
    assertThat(notice.path("externalRef").asText()).isEqualTo("LIMS-7");
    assertThat(notice.path("reason").asText()).isEqualTo("ASSET_DELETED");
    assertThat(notice.path("attempt").asInt()).isEqualTo(1);
    assertThat(notice.path("deletedAt").asText()).isEqualTo(deleted.json().path("deletedAt").asText());
    assertThat(got.get(0).messageAttributes().get("appId").stringValue()).isEqualTo("lims");

    // sample-eln confirms its two by itself; lims is still missing
    await().atMost(DELIVERY).until(() -> confirmedLinks(assetId), c -> c.containsAll(List.of(eln1, eln2)));
    assertThat(deletion(assetId).path("status").asText()).isEqualTo("PENDING");
    assertThat(apps.confirm(lims.token(), limsLink).status()).isEqualTo(204);
    JsonNode complete = awaitDeletionStatus(assetId, "COMPLETE");
    for (JsonNode l : complete.path("links")) {
      assertThat(l.path("status").asText()).isEqualTo("CONFIRMED");
      assertThat(l.path("confirmedAt").asText()).isNotBlank();
      assertThat(l.path("attempts").asInt()).isEqualTo(1);
    }
  }

  static List<String> confirmedLinks(String assetId) {
    List<String> ids = new ArrayList<>();
    for (JsonNode l : deletion(assetId).path("links")) {
      if (l.path("status").asText().equals("CONFIRMED")) {
        ids.add(l.path("linkId").asText());
      }
    }
    return ids;
  }

  @Test
  void deletingOneLinkNotifiesItsAppAlone() throws Exception {
    String assetId = uploaded("gel.png");
    String kept = link(assetId, "lims", "LIMS-KEPT");
    String dropped = link(assetId, "lims", "LIMS-DROPPED");
    var res = api.send("DELETE", "/app-links/" + dropped, alice, null, null);
    assertThat(res.status()).as(res.body()).isEqualTo(202);
    List<Message> got = apps.receive(lims, 1, DELIVERY);
    assertThat(got).hasSize(1);
    assertThat(body(got.get(0)).path("linkId").asText()).isEqualTo(dropped);
    assertThat(body(got.get(0)).path("reason").asText()).isEqualTo("LINK_DELETED");
    var live = api.get("/assets/" + assetId + "/app-links", bob).json().path("items");
    assertThat(live).extracting(l -> l.path("linkId").asText()).containsExactly(kept);
    assertThat(apps.confirm(lims.token(), dropped).status()).isEqualTo(204);
  }

  @Test
  void duplicateConfirmationsAreHarmlessAndNobodyElseMayConfirm() throws Exception {
    String assetId = uploaded("spectra.bin");
    String linkId = link(assetId, "lims", "LIMS-DUP");
    String otherApp = api.token("app:sample-eln", null);
    api.send("DELETE", "/app-links/" + linkId, alice, null, null);
    apps.receive(lims, 1, DELIVERY);

    assertThat(apps.confirm(otherApp, linkId).problemCode()).isEqualTo("NOT_FOUND");
    assertThat(apps.confirm(alice, linkId).problemCode()).isEqualTo("NOT_FOUND");
    assertThat(apps.confirm(carol, linkId).problemCode()).isEqualTo("NOT_FOUND");
    assertThat(apps.confirm(lims.token(), linkId).status()).isEqualTo(204);
    assertThat(apps.confirm(lims.token(), linkId).status()).isEqualTo(204);
    assertThat(apps.confirm(lims.token(), UUID.randomUUID().toString()).problemCode()).isEqualTo("NOT_FOUND");
    awaitDeletionStatus(assetId, "COMPLETE");
  }

  @Test
  void nothingIsLostWhileSnsFailsAndEverythingArrivesAfterItRecovers() throws Exception {
    String assetId = uploaded("outage.dat");
    String linkId = link(assetId, "lims", "LIMS-OUTAGE");
    STACK.stack().sns().failPublishes(true);
    try {
      assertThat(api.send("DELETE", "/assets/" + assetId, alice, null, null).status()).isEqualTo(202);
      assertThat(apps.receive(lims, 1, Duration.ofSeconds(3))).isEmpty();
    } finally {
      STACK.stack().sns().failPublishes(false);
    }
    List<Message> got = apps.receive(lims, 1, DELIVERY);
    assertThat(got).extracting(m -> body(m).path("linkId").asText()).containsExactly(linkId);
    apps.confirm(lims.token(), linkId);
  }

  // ---- what deletion does to the asset

  @Test
  void aDeletedAssetStaysReadableToMembersOnlyAndItsBytesAreGone() throws Exception {
    String assetId = uploaded("to-delete.csv");
    String oldUrl = api.get("/assets/" + assetId + "/download", bob).json().path("url").asText();
    assertThat(get(oldUrl)).isEqualTo(200);

    assertThat(api.send("DELETE", "/assets/" + assetId, bob, null, null).problemCode()).isEqualTo("FORBIDDEN");
    assertThat(api.send("DELETE", "/assets/" + assetId, dave, null, null).problemCode()).isEqualTo("NOT_FOUND");
    assertThat(api.send("DELETE", "/assets/" + assetId, carol, null, null).problemCode()).isEqualTo("NOT_FOUND");
    var first = api.send("DELETE", "/assets/" + assetId, alice, null, null);
    assertThat(first.status()).isEqualTo(202);
    var second = api.send("DELETE", "/assets/" + assetId, alice, null, null);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.json().path("deletedAt").asText()).isEqualTo(first.json().path("deletedAt").asText());

    assertThat(get(oldUrl)).isIn(403, 404);
    assertThat(api.get("/assets/" + assetId + "/download", bob).problemCode()).isEqualTo("NOT_AVAILABLE");
    JsonNode asset = api.get("/assets/" + assetId, bob).json();
    assertThat(asset.path("status").asText()).isEqualTo("DELETED");
    assertThat(ids(api.get("/groups/" + group + "/assets", bob).json())).doesNotContain(assetId);
    assertThat(ids(api.get("/groups/" + group + "/assets?status=DELETED", bob).json())).contains(assetId);
    assertThat(deletion(assetId).path("status").asText()).isEqualTo("NONE");
    for (String token : List.of(dave, carol)) {
      assertThat(api.get("/assets/" + assetId, token).problemCode()).isEqualTo("NOT_FOUND");
      assertThat(api.get("/assets/" + assetId + "/deletion", token).problemCode()).isEqualTo("NOT_FOUND");
      assertThat(api.get("/assets/" + assetId + "/app-links", token).problemCode()).isEqualTo("NOT_FOUND");
    }
  }

  @Test
  void aPendingUploadCanBeDeletedAndALaterUploadIsRemovedOnArrival() throws Exception {
    byte[] content = "late bytes".getBytes(StandardCharsets.UTF_8);
    JsonNode created = uploads.declare(alice, group, "late.txt", content, null);
    String assetId = created.path("assetId").asText();
    assertThat(api.send("DELETE", "/assets/" + assetId, alice, null, null).status()).isEqualTo(202);
    Uploads.put(created.at("/upload/url").asText(), Uploads.headersOf(created.path("upload")), content);
    Thread.sleep(1000); // the upload event is delivered asynchronously; nothing may change the state
    assertThat(api.get("/assets/" + assetId, alice).json().path("status").asText()).isEqualTo("DELETED");
    try (var s3 = STACK.stack().s3Client()) {
      String bucket = STACK.stack().model().buckets().get("DataBucket").bucketName();
      await().atMost(Duration.ofSeconds(10)).until(() -> s3.listObjectVersions(r -> r.bucket(bucket)
          .prefix("assets/")).versions().stream().noneMatch(v -> v.key().endsWith(assetId)));
    }
  }

  @Test
  void aDeletedPendingUploadNoLongerHoldsItsGroup() {
    String lab = api.createGroup(alice, "short-lived lab");
    JsonNode pending = uploads.declare(alice, lab, "never-sent.bin", new byte[] {7}, null);
    assertThat(api.send("DELETE", "/groups/" + lab, alice, null, null).problemCode()).isEqualTo("GROUP_NOT_EMPTY");
    assertThat(api.send("DELETE", "/assets/" + pending.path("assetId").asText(), alice, null, null).status()).isEqualTo(202);
    assertThat(api.send("DELETE", "/groups/" + lab, alice, null, null).status()).isEqualTo(204);
  }

  // ---- app links: validation and visibility

  @Test
  void appLinksAreValidatedAndInvisibleToOutsiders() throws Exception {
    String assetId = uploaded("links.csv");
    var unregistered = api.postJson("/assets/" + assetId + "/app-links", alice,
        "{\"appId\":\"not-registered\",\"externalRef\":\"X\"}");
    assertThat(unregistered.problemCode()).isEqualTo("VALIDATION");
    assertThat(unregistered.json().path("detail").asText()).contains("appId");
    assertThat(api.postJson("/assets/" + assetId + "/app-links", bob, "{\"appId\":\"lims\",\"externalRef\":\"X\"}")
        .problemCode()).isEqualTo("FORBIDDEN");
    for (String token : List.of(dave, carol)) {
      assertThat(api.postJson("/assets/" + assetId + "/app-links", token, "{\"appId\":\"lims\",\"externalRef\":\"X\"}")
          .problemCode()).isEqualTo("NOT_FOUND");
    }
    String linkId = link(assetId, "lims", "LIMS-VIS");
    for (String token : List.of(dave, carol, lims.token())) {
      assertThat(api.send("DELETE", "/app-links/" + linkId, token, null, null).problemCode()).isEqualTo("NOT_FOUND");
    }
    assertThat(api.send("DELETE", "/app-links/" + linkId, bob, null, null).problemCode()).isEqualTo("FORBIDDEN");

    // a linked asset cannot become SECRET, and a SECRET asset is never linked out
    var patch = api.send("PATCH", "/assets/" + assetId, alice, "{\"classification\":\"SECRET\"}", "application/json");
    assertThat(patch.problemCode()).isEqualTo("CLASSIFICATION");
    String secret = uploaded("secret.bin");
    api.send("PATCH", "/assets/" + secret, alice, "{\"classification\":\"SECRET\"}", "application/json");
    assertThat(api.postJson("/assets/" + secret + "/app-links", alice, "{\"appId\":\"lims\",\"externalRef\":\"S\"}")
        .problemCode()).isEqualTo("CLASSIFICATION");
    JsonNode pending = uploads.declare(alice, group, "pending.bin", new byte[] {1}, null);
    assertThat(api.postJson("/assets/" + pending.path("assetId").asText() + "/app-links", alice,
        "{\"appId\":\"lims\",\"externalRef\":\"P\"}").problemCode()).isEqualTo("NOT_AVAILABLE");
  }

  @Test
  void appRegistryIsForOperatorsOnly() {
    assertThat(api.postJson("/ops/apps", alice, "{\"appId\":\"rogue\",\"name\":\"Rogue\"}").problemCode())
        .isEqualTo("FORBIDDEN");
    assertThat(api.get("/ops/apps", alice).problemCode()).isEqualTo("FORBIDDEN");
    assertThat(api.get("/ops/deletions?status=OVERDUE", alice).problemCode()).isEqualTo("FORBIDDEN");
    var again = api.postJson("/ops/apps", apps.operatorToken(), "{\"appId\":\"lims\",\"name\":\"Again\"}");
    assertThat(again.problemCode()).isEqualTo("ALREADY_EXISTS");
    assertThat(api.postJson("/ops/apps", apps.operatorToken(), "{\"appId\":\"Bad_Id\",\"name\":\"x\"}").problemCode())
        .isEqualTo("VALIDATION");
    JsonNode listed = api.get("/ops/apps", apps.operatorToken()).json();
    assertThat(ids(listed, "appId")).contains("lims", "sample-eln");
  }

  static List<String> ids(JsonNode page) {
    return ids(page, "assetId");
  }

  static List<String> ids(JsonNode page, String field) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(i -> ids.add(i.path(field).asText()));
    return ids;
  }

  static int get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
