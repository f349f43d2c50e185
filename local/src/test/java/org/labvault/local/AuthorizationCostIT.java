package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.local.engine.DynamoDbEngine;
import org.labvault.shared.asset.adapter.DynamoAssetRepository;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.auth.ResourceRef;
import org.labvault.shared.auth.Role;
import org.labvault.shared.aws.DynamoAssetLocator;
import org.labvault.shared.aws.DynamoMembershipReader;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.id.Ids;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What one permission decision costs in DynamoDB calls, counted by an SDK interceptor on the real
 * client: exactly one read, whether the caller belongs to one group or to 10,000.
 */
class AuthorizationCostIT {

  private static final String TABLE = "cost";
  private static final int MANY = 10_000;

  /** Counts the calls the SDK makes, by operation. */
  static final class CallCounter implements ExecutionInterceptor {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger()).incrementAndGet();
    }

    int total() {
      return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  static DynamoDbEngine engine;
  static DynamoDbClient dynamo;
  static final CallCounter counter = new CallCounter();
  static Authorizer authorizer;
  static final List<String> groupsOfMany = new ArrayList<>();
  static String groupOfOne;
  static String assetOfMany;
  static String assetOfOne;

  @BeforeAll
  static void seed() throws Exception {
    engine = DynamoDbEngine.start(null, 0, "cost", "cost");
    dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("cost", "cost")))
        .endpointOverride(URI.create(engine.endpoint().toString()))
        .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
        .build();
    dynamo.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName(Keys.PK).keyType(KeyType.HASH), k -> k.attributeName(Keys.SK).keyType(KeyType.RANGE))
        .attributeDefinitions(a -> a.attributeName(Keys.PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.SK).attributeType(ScalarAttributeType.S)));
    Clock clock = Clock.systemUTC();
    groupOfOne = Ids.newId(clock);
    member(groupOfOne, "one", Role.EDIT);
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      String g = Ids.newId(clock);
      groupsOfMany.add(g);
      Role role = i % 2 == 0 ? Role.READ_ONLY : Role.ADMIN;
      batch.add(WriteRequest.builder().putRequest(p -> p.item(item(g, "many", role))).build());
      if (batch.size() == 25) {
        var request = Map.of(TABLE, List.copyOf(batch));
        var left = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
        assertThat(left).isEmpty();
        batch.clear();
      }
    }
    var config = Config.from(Map.of(Config.Names.TABLE_NAME, TABLE));
    assetOfMany = Ids.newId(clock);
    dynamo.putItem(r -> r.tableName(TABLE).item(Map.of(Keys.PK, AttributeValue.fromS(Keys.asset(assetOfMany)),
        Keys.SK, AttributeValue.fromS(Keys.META), "groupId", AttributeValue.fromS(groupsOfMany.getLast()))));
    // a real asset in groupOfOne, declared by its EDIT member through the asset repository
    dynamo.putItem(r -> r.tableName(TABLE).item(Map.of(Keys.PK, AttributeValue.fromS(Keys.group(groupOfOne)),
        Keys.SK, AttributeValue.fromS(Keys.META), "status", AttributeValue.fromS(Keys.GROUP_ACTIVE))));
    assetOfOne = Ids.newId(clock);
    new DynamoAssetRepository(dynamo, config, PageTokens.withKey("cost-test-page-token-key-of-32-characters")).create(new Asset(assetOfOne, groupOfOne, "acme", "run.csv", "text/csv", 10,
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Classification.CONFIDENTIAL, AssetStatus.PENDING_UPLOAD,
        clock.instant(), "one", "assets/acme/" + groupOfOne + "/" + assetOfOne, null, clock.instant(), null));
    authorizer = new Authorizer(new DynamoMembershipReader(dynamo, config), new DynamoAssetLocator(dynamo, config), e -> { }, clock);
  }

  private static Map<String, AttributeValue> item(String groupId, String userId, Role role) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.group(groupId)), Keys.SK, AttributeValue.fromS(Keys.member(userId)),
        "role", AttributeValue.fromS(role.name()));
  }

  private static void member(String groupId, String userId, Role role) {
    dynamo.putItem(r -> r.tableName(TABLE).item(item(groupId, userId, role)));
  }

  @AfterAll
  static void stop() throws Exception {
    dynamo.close();
    engine.close();
  }

  @BeforeEach
  void reset() {
    counter.calls.clear();
  }

  private static Principal user(String id) {
    return new Principal(id, null, "acme", Set.of());
  }

  @Test
  void aCheckCostsOneReadForAMemberOfOneGroup() {
    assertThat(authorizer.decide(user("one"), ResourceRef.group(groupOfOne), Action.ASSETS_WRITE).allowed()).isTrue();
    assertThat(counter.calls).containsOnlyKeys("GetItem");
    assertThat(counter.total()).isEqualTo(1);
  }

  @Test
  void aCheckCostsOneReadForAMemberOf10000Groups() {
    String last = groupsOfMany.getLast();
    assertThat(authorizer.require(new Caller(user("many"), "r"), last, Action.MEMBERS_MANAGE)).isEqualTo(Role.ADMIN);
    assertThat(counter.total()).isEqualTo(1);
    counter.calls.clear();
    assertThat(authorizer.decide(user("many"), ResourceRef.group(groupsOfMany.getFirst()), Action.GROUP_UPDATE))
        .satisfies(d -> assertThat(d.allowed()).isFalse());
    assertThat(counter.total()).isEqualTo(1);
  }

  @Test
  void anAssetCheckCostsOneMoreReadToFindItsGroup() {
    var asset = new ResourceRef(ResourceRef.Type.ASSET, assetOfMany);
    assertThat(authorizer.decide(user("many"), asset, Action.ASSETS_DELETE).allowed()).isTrue();
    assertThat(counter.calls).containsOnlyKeys("GetItem");
    assertThat(counter.total()).isEqualTo(2);
    counter.calls.clear();
    var checks = List.of(new Authorizer.Check(asset, Action.ASSETS_READ), new Authorizer.Check(ResourceRef.group(groupOfOne), Action.ASSETS_READ));
    assertThat(authorizer.decideAll(user("many"), checks)).extracting(d -> d.allowed()).containsExactly(true, false);
    assertThat(counter.calls).containsOnlyKeys("BatchGetItem");
    assertThat(counter.total()).isEqualTo(2);
  }

  @Test
  void aNonMemberCostsOneReadToo() {
    assertThat(authorizer.decide(user("stranger"), ResourceRef.group(groupsOfMany.get(42)), Action.GROUP_READ).visible()).isFalse();
    assertThat(counter.total()).isEqualTo(1);
  }

  /** The calls counted so far, by operation. */
  private static Map<String, Integer> calls() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    counter.calls.forEach((operation, n) -> out.put(operation, n.get()));
    return out;
  }

  /** What an asset route costs a caller: the asset read, then the decision on its group. */
  private static Map<String, Integer> assetRouteCost(DynamoAssetRepository assets, String assetId, String userId) {
    counter.calls.clear();
    var asset = assets.find(assetId);
    assertThatThrownBy(() -> authorizer.requireOnAsset(new Caller(user(userId), "r"), assetId,
        asset.map(Asset::groupId).orElse(null), Action.ASSETS_READ)).isInstanceOf(NotFoundException.class);
    return calls();
  }

  @Test
  void aNonMemberPaysTheSameForAMissingAssetAsForAnotherGroupsAsset() {
    // given an asset of a group that "stranger" is not a member of
    var config = Config.from(Map.of(Config.Names.TABLE_NAME, TABLE));
    var assets = new DynamoAssetRepository(dynamo, config, PageTokens.withKey("cost-test-page-token-key-of-32-characters"));
    String missing = Ids.newId(Clock.systemUTC());

    // then the asset routes cost the same calls of the same kinds: the asset, then a membership
    var existing = assetRouteCost(assets, assetOfOne, "stranger");
    assertThat(existing).isEqualTo(Map.of("GetItem", 2));
    assertThat(assetRouteCost(assets, missing, "stranger")).isEqualTo(existing);

    // and so do permission checks, one at a time and batched
    for (String assetId : List.of(assetOfOne, missing)) {
      counter.calls.clear();
      assertThat(authorizer.decide(user("stranger"), new ResourceRef(ResourceRef.Type.ASSET, assetId), Action.ASSETS_READ).visible())
          .isFalse();
      assertThat(calls()).as(assetId).isEqualTo(Map.of("GetItem", 2));
      counter.calls.clear();
      assertThat(authorizer.decideAll(user("stranger"), List.of(new Authorizer.Check(new ResourceRef(ResourceRef.Type.ASSET, assetId),
          Action.ASSETS_READ)))).singleElement().satisfies(d -> assertThat(d.visible()).isFalse());
      assertThat(calls()).as(assetId).isEqualTo(Map.of("BatchGetItem", 2));
    }
  }

  @Test
  void aBatchOf100ChecksIsOneBatchedReadOfOneItemPerGroup() {
    List<Authorizer.Check> checks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      checks.add(new Authorizer.Check(ResourceRef.group(groupsOfMany.get(i * 97)), Action.ASSETS_READ));
    }
    var decisions = authorizer.decideAll(user("many"), checks);
    assertThat(decisions).hasSize(100).allSatisfy(d -> assertThat(d.allowed()).isTrue());
    assertThat(counter.calls).containsOnlyKeys("BatchGetItem");
    assertThat(counter.total()).isEqualTo(1);
  }
}
