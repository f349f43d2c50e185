package org.labvault.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.asset.domain.ObjectKeys;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.deletion.domain.App;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A group of tenant acme with alice (ADMIN), bob (READ_ONLY) and erin (EDIT); dave is a member of
 * another acme group, carol of a globex group; the app sample-eln is registered.
 */
final class Fixture implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
  /** The ids the sample events in events/deletion name. */
  static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";
  static final String OTHER_GROUP = "01a207c8-24bd-7da8-965e-feee279d0001";
  static final String GLOBEX_GROUP = "01a207c8-24bd-7da8-965e-feee279d0002";
  static final String ASSET = "01a20900-0000-7000-8000-00000000a55e";
  static final String LINK = "01a20a00-0000-7000-8000-0000000011a5";
  static final String APP = "sample-eln";
  static final String SHA = "7bLJBEF1mK57MwdcADOdtK92qemyDEC7Ywzt/mNeVB0=";

  final EmbeddedTable table = new EmbeddedTable();
  final TestClock clock = new TestClock(NOW);
  final InMemoryObjectStore objects = new InMemoryObjectStore(clock);
  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  final TestDeletionComponent c = DaggerTestDeletionComponent.factory().create(table.client(), clock, audit, objects);
  final DeletionHandler handler = new DeletionHandler(c);

  Fixture() {
    group(GROUP, "acme");
    group(OTHER_GROUP, "acme");
    group(GLOBEX_GROUP, "globex");
    member(GROUP, "alice", "ADMIN");
    member(GROUP, "bob", "READ_ONLY");
    member(GROUP, "erin", "EDIT");
    member(OTHER_GROUP, "dave", "ADMIN");
    member(GLOBEX_GROUP, "carol", "ADMIN");
    c.appRepository().create(new App(APP, "Sample ELN", NOW, "op-1"));
    c.appRepository().create(new App("other-app", "Another app", NOW, "op-1"));
  }

  @Override
  public void close() {
    table.close();
  }

  void put(Map<String, AttributeValue> item) {
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
    return table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).key(key).consistentRead(true)).item();
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private void group(String groupId, String tenant) {
    put(Map.of(Keys.PK, s(Keys.group(groupId)), Keys.SK, s(Keys.META), "groupId", s(groupId), "tenant", s(tenant),
        "status", s(Keys.GROUP_ACTIVE), Keys.ASSET_COUNT, AttributeValue.fromN("0")));
  }

  void member(String groupId, String userId, String role) {
    put(Map.of(Keys.PK, s(Keys.group(groupId)), Keys.SK, s(Keys.member(userId)), "role", s(role)));
  }

  long assetCount() {
    return Long.parseLong(get(Map.of(Keys.PK, s(Keys.group(GROUP)), Keys.SK, s(Keys.META))).get(Keys.ASSET_COUNT).n());
  }

  long liveLinks(String assetId) {
    AttributeValue v = get(Map.of(Keys.PK, s(Keys.asset(assetId)), Keys.SK, s(Keys.META))).get(Keys.LIVE_LINKS);
    return v == null ? 0 : Long.parseLong(v.n());
  }

  /** An asset of the group declared by alice, in {@code status} (AVAILABLE ones with their bytes landed). */
  Asset asset(String assetId, AssetStatus status, Classification classification) {
    String key = ObjectKeys.of("acme", GROUP, assetId);
    var asset = new Asset(assetId, GROUP, "acme", "run-42.csv", "text/csv", 10, SHA, classification,
        AssetStatus.PENDING_UPLOAD, NOW, "alice", key, null, NOW.plus(Duration.ofMinutes(15)), null);
    c.assetRepository().create(asset);
    if (status == AssetStatus.AVAILABLE) {
      assertThat(c.assetRepository().markAvailable(assetId, objects.land(key, "hello lab\n".getBytes(), SHA), Instant.now())).isTrue();
    } else if (status == AssetStatus.REJECTED) {
      assertThat(c.assetRepository().markRejected(assetId, "test")).isTrue();
    }
    return c.assetRepository().find(assetId).orElseThrow();
  }

  /** The asset the sample events name, AVAILABLE and INTERNAL. */
  Asset asset() {
    return asset(ASSET, AssetStatus.AVAILABLE, Classification.INTERNAL);
  }

  /** A live link of the asset to {@code appId}, stored through the repository. */
  AppLink link(String linkId, String assetId, String appId) {
    var link = AppLink.live(linkId, assetId, GROUP, "acme", appId, "ref-" + linkId, NOW, "alice");
    c.linkRepository().create(link);
    return link;
  }

  APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new FakeContext());
  }
}
