package org.labvault.uploadevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.asset.domain.ObjectKeys;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Landed objects against their declaration: the verifier's every outcome, and repeated events. */
class UploadEventsHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
  static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";
  static final String ASSET = "01a20900-0000-7000-8000-00000000a55e";
  static final byte[] CONTENT = "hello lab\n".getBytes(StandardCharsets.UTF_8);
  static final String KEY = ObjectKeys.of("acme", GROUP, ASSET);

  private EmbeddedTable table;
  private InMemoryObjectStore objects;
  private List<AuditEvent> audit;
  private TestUploadEventsComponent c;
  private UploadEventsHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    var clock = new TestClock(NOW);
    objects = new InMemoryObjectStore(clock);
    audit = new ArrayList<>();
    c = DaggerTestUploadEventsComponent.factory().create(table.client(), clock, audit, objects);
    handler = new UploadEventsHandler(c);
    put(Map.of(Keys.PK, s(Keys.group(GROUP)), Keys.SK, s(Keys.META), "status", s(Keys.GROUP_ACTIVE)));
    put(Map.of(Keys.PK, s(Keys.group(GROUP)), Keys.SK, s(Keys.member("alice")), "role", s("EDIT")));
    c.repository().create(new Asset(ASSET, GROUP, "acme", "run-42.csv", "text/csv", CONTENT.length, sha256(CONTENT),
        Classification.INTERNAL, AssetStatus.PENDING_UPLOAD, NOW, "alice", KEY, null, NOW.plus(Duration.ofMinutes(15)), null));
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private void put(Map<String, AttributeValue> item) {
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sample event of events/uploadevents, for {@code key} and {@code version}. */
  private void deliver(String key, String version) throws Exception {
    String event = Files.readString(Path.of(getClass().getResource("/uploadevents/object-created.json").toURI()))
        .replace(KEY, key.replace(" ", "+")).replace("v0000000000000001", version);
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new FakeContext());
  }

  private AssetStatus status() {
    return c.repository().find(ASSET).orElseThrow().status();
  }

  @Test
  void theDeclaredBytes_shouldMakeTheAssetAvailable_once() throws Exception {
    String version = objects.land(KEY, CONTENT, null);
    deliver(KEY, version);
    assertThat(status()).isEqualTo(AssetStatus.AVAILABLE);
    assertThat(c.repository().find(ASSET).orElseThrow().versionId()).isEqualTo(version);
    assertThat(objects.fullReads.get()).isEqualTo(1);
    deliver(KEY, version); // S3 delivers at least once
    assertThat(status()).isEqualTo(AssetStatus.AVAILABLE);
    assertThat(objects.versions(KEY)).hasSize(1);
    assertThat(audit).extracting(AuditEvent::action, AuditEvent::decision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("asset:verify", AuditEvent.Decision.ALLOW));
  }

  @Test
  void aChecksumS3Kept_shouldSpareReadingTheBytes() throws Exception {
    deliver(KEY, objects.land(KEY, CONTENT, sha256(CONTENT)));
    assertThat(status()).isEqualTo(AssetStatus.AVAILABLE);
    assertThat(objects.fullReads.get()).isZero();
  }

  @Test
  void otherBytesOfTheSameSize_shouldBeRejectedAndRemoved() throws Exception {
    byte[] other = "hello LAB\n".getBytes(StandardCharsets.UTF_8);
    deliver(KEY, objects.land(KEY, other, null));
    assertThat(status()).isEqualTo(AssetStatus.REJECTED);
    assertThat(objects.versions(KEY)).isEmpty();
    assertThat(audit).extracting(AuditEvent::decision).containsExactly(AuditEvent.Decision.DENY);
  }

  @Test
  void anotherSize_shouldBeRejectedAndRemoved() throws Exception {
    deliver(KEY, objects.land(KEY, "hello lab, again\n".getBytes(StandardCharsets.UTF_8), null));
    assertThat(status()).isEqualTo(AssetStatus.REJECTED);
    assertThat(objects.versions(KEY)).isEmpty();
    assertThat(objects.fullReads.get()).as("the size alone decides").isZero();
  }

  @Test
  void bytesLandingAfterTheDecision_shouldBeRemovedAndTheVerifiedVersionKept() throws Exception {
    String verified = objects.land(KEY, CONTENT, null);
    deliver(KEY, verified);
    String late = objects.land(KEY, CONTENT, null);
    deliver(KEY, late);
    assertThat(objects.versions(KEY)).extracting(InMemoryObjectStore.Version::versionId).containsExactly(verified);
    assertThat(status()).isEqualTo(AssetStatus.AVAILABLE);
  }

  @Test
  void anObjectNoAssetDeclared_shouldBeRemovedAndAudited() throws Exception {
    String stray = ObjectKeys.of("acme", GROUP, "01a20900-0000-7000-8000-0000000000ff");
    deliver(stray, objects.land(stray, CONTENT, null));
    String outside = "assets/acme/not an id";
    deliver(outside, objects.land(outside, CONTENT, null));
    assertThat(objects.versions(stray)).isEmpty();
    assertThat(objects.versions(outside)).isEmpty();
    assertThat(audit).extracting(AuditEvent::action).containsExactly("object:remove-orphan", "object:remove-orphan");
    assertThat(status()).isEqualTo(AssetStatus.PENDING_UPLOAD);
  }

  @Test
  void anObjectAlreadyGone_shouldChangeNothing() throws Exception {
    deliver(KEY, "v-never-stored");
    assertThat(status()).isEqualTo(AssetStatus.PENDING_UPLOAD);
    assertThat(audit).isEmpty();
  }

  @Test
  void bytesLandingForAPendingAssetDeletedMeanwhile_shouldBeRemovedOnArrival() throws Exception {
    // given a PENDING_UPLOAD asset deleted before its upload URL was used
    var asset = c.repository().find(ASSET).orElseThrow();
    assertThat(c.repository().delete(asset, NOW.plusSeconds(60), "alice")).isTrue();
    audit.clear();
    // when the upload lands anyway (the URL still lives)
    String version = objects.land(KEY, CONTENT, sha256(CONTENT));
    deliver(KEY, version);
    // then the bytes are gone at once, the asset stays DELETED, and the removal is audited
    assertThat(objects.versions(KEY)).isEmpty();
    assertThat(status()).isEqualTo(AssetStatus.DELETED);
    assertThat(audit).extracting(AuditEvent::action, AuditEvent::resource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("object:remove-late", "asset:" + ASSET));
    // a repeated delivery changes nothing
    deliver(KEY, version);
    assertThat(status()).isEqualTo(AssetStatus.DELETED);
  }

  @Test
  void theCopyOfARestoreUnderWay_shouldStay_whileAStaleRestoresBytesAreRemoved() throws Exception {
    // given a DELETED asset whose restore began a minute ago (its copy lands in parts: a completed upload)
    var asset = c.repository().find(ASSET).orElseThrow();
    assertThat(c.repository().delete(asset, NOW.minusSeconds(3600), "alice")).isTrue();
    restoringSince(NOW.minusSeconds(60));
    audit.clear();
    String restored = objects.land(KEY, CONTENT, null);

    // when its event arrives before the restore marks the asset AVAILABLE
    deliver(KEY, restored);

    // then the restore's bytes stay, untouched and unaudited
    assertThat(objects.versions(KEY)).extracting(InMemoryObjectStore.Version::versionId).containsExactly(restored);
    assertThat(status()).isEqualTo(AssetStatus.DELETED);
    assertThat(audit).isEmpty();

    // but bytes of a restore begun over an hour ago (it died) are late bytes like any others
    restoringSince(NOW.minusSeconds(3601));
    deliver(KEY, restored);
    assertThat(objects.versions(KEY)).isEmpty();
  }

  private void restoringSince(Instant since) {
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME)
        .key(Map.of(Keys.PK, s(Keys.asset(ASSET)), Keys.SK, s(Keys.META)))
        .updateExpression("SET restoringSince = :at").expressionAttributeValues(Map.of(":at", s(since.toString()))));
  }
}
