package org.labvault.shared.asset.adapter;

import static org.labvault.shared.asset.adapter.AssetItems.key;
import static org.labvault.shared.asset.adapter.AssetItems.n;
import static org.labvault.shared.asset.adapter.AssetItems.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.asset.domain.RequestClaim;
import org.labvault.shared.asset.domain.RestoreWindow;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.aws.RoleConditions;
import org.labvault.shared.aws.Transactions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.aws.TxItem;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.domain.DeletionConflicts;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.ForbiddenException;
import org.labvault.shared.instrument.adapter.InstrumentItems;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Assets in the LabVault table: one item per asset in its own partition (read by id, strongly
 * consistent), listed per group through the generic index (newest first: ids are time-ordered).
 */
public final class DynamoAssetRepository implements AssetRepository {

  private static final String NOT_DELETED = Keys.EXISTS + " AND #status <> :deleted";

  /** An instrument request's claim on the asset it made (kept a while, then removed by TTL). */
  private static final String TYPE_CLAIM = "InstrumentRequest";
  private static final String CLAIMED_ASSET = "assetId";
  private static final String CLAIM_TTL = "ttl";

  private final DynamoDbClient dynamo;
  private final String table;
  private final PageTokens pageTokens;

  @Inject
  public DynamoAssetRepository(DynamoDbClient dynamo, Config config, PageTokens pageTokens) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.pageTokens = pageTokens;
  }

  private static Map<String, AttributeValue> groupMeta(String groupId) {
    return Map.of(Keys.PK, s(Keys.group(groupId)), Keys.SK, s(Keys.META));
  }

  @Override
  public Optional<String> tenantOfActiveGroup(String groupId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(groupMeta(groupId)).consistentRead(true)
        .projectionExpression("#status, #tenant")
        .expressionAttributeNames(Map.of("#status", Keys.GROUP_STATUS, "#tenant", Keys.GROUP_TENANT))).item();
    if (item == null || item.isEmpty() || !Keys.GROUP_ACTIVE.equals(item.get(Keys.GROUP_STATUS).s())) {
      return Optional.empty();
    }
    AttributeValue tenant = item.get(Keys.GROUP_TENANT);
    return Optional.of(tenant == null ? "" : tenant.s());
  }

  @Override
  public void create(Asset asset) {
    create(asset, null);
  }

  @Override
  public void create(Asset asset, RequestClaim claim) {
    List<TxItem> items = new ArrayList<>(List.of(
        Tx.put(table, AssetItems.item(asset), Keys.ABSENT, Map.of(), Map.of(),
            () -> new IllegalStateException("asset id collision: " + asset.assetId())),
        Tx.update(table, groupMeta(asset.groupId()),
            "SET #count = if_not_exists(#count, :zero) + :one", "#status = :active",
            Map.of("#count", Keys.ASSET_COUNT, "#status", Keys.GROUP_STATUS),
            Map.of(":zero", n(0), ":one", n(1), ":active", s(Keys.GROUP_ACTIVE)), Authorizer::notFound),
        // the creator's membership, or for an instrument the group's grant to it
        RoleConditions.stillAllows(table,
            Map.of(Keys.PK, s(Keys.group(asset.groupId())), Keys.SK, s(Keys.member(asset.createdBy()))), Keys.ROLE,
            Action.ASSETS_WRITE,
            // an instrument whose grant went meanwhile is in a group that did not grant it: not found
            () -> claim != null ? Authorizer.notFound()
                : new ForbiddenException("your role no longer allows " + Action.ASSETS_WRITE.wireName()))));
    if (claim != null) {
      items.add(Tx.put(table, claimItem(claim, asset), Keys.ABSENT, Map.of(), Map.of(),
          () -> new ConflictException(ErrorCode.DUPLICATE_REQUEST, "this request was answered before")));
      // a revocation between the instrument's first read and this write stops the asset here
      items.add(Tx.check(table, Map.of(Keys.PK, s(Keys.instrument(claim.instrumentId())), Keys.SK, s(Keys.META)),
          "#status = :active", Map.of("#status", InstrumentItems.STATUS),
          Map.of(":active", s(org.labvault.shared.instrument.domain.InstrumentStatus.ACTIVE.name())),
          () -> new ConflictException(ErrorCode.INSTRUMENT_REVOKED, "the instrument was revoked")));
    }
    Transactions.write(dynamo, items);
  }

  private static Map<String, AttributeValue> claimKey(RequestClaim claim) {
    return Map.of(Keys.PK, s(Keys.instrument(claim.instrumentId())), Keys.SK, s(Keys.instrumentRequest(claim.requestId())));
  }

  private static Map<String, AttributeValue> claimItem(RequestClaim claim, Asset asset) {
    Map<String, AttributeValue> item = new HashMap<>(claimKey(claim));
    item.put(Keys.TYPE, s(TYPE_CLAIM));
    item.put(CLAIMED_ASSET, s(asset.assetId()));
    item.put(CLAIM_TTL, n(asset.createdAt().plus(RequestClaim.KEPT_FOR).getEpochSecond()));
    return item;
  }

  @Override
  public Optional<String> claimedAsset(RequestClaim claim) {
    var item = dynamo.getItem(r -> r.tableName(table).key(claimKey(claim)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get(CLAIMED_ASSET).s());
  }

  @Override
  public Optional<Asset> find(String assetId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(key(assetId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AssetItems.asset(item));
  }

  @Override
  public Page<Asset> list(String groupId, AssetStatus status, PageRequest page) {
    String partition = Keys.groupAssets(groupId, status == AssetStatus.DELETED);
    String list = "assets:" + partition + ":" + status;
    var query = QueryRequest.builder().tableName(table).indexName(Keys.GSI1)
        .keyConditionExpression("#gpk = :gpk")
        .scanIndexForward(false)
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), list, PageTokens.GSI1_KEY));
    if (status == null || status == AssetStatus.DELETED) {
      query.expressionAttributeNames(Map.of("#gpk", Keys.GSI1_PK)).expressionAttributeValues(Map.of(":gpk", s(partition)));
    } else {
      query.filterExpression("#status = :status")
          .expressionAttributeNames(Map.of("#gpk", Keys.GSI1_PK, "#status", AssetItems.STATUS))
          .expressionAttributeValues(Map.of(":gpk", s(partition), ":status", s(status.name())));
    }
    var result = dynamo.query(query.build());
    return new Page<>(result.items().stream().map(AssetItems::asset).toList(), pageTokens.encode(list, result.lastEvaluatedKey()));
  }

  @Override
  public Optional<Asset> update(String assetId, String name, Classification classification) {
    Map<String, String> names = new HashMap<>(Map.of("#status", AssetItems.STATUS));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":deleted", s(AssetStatus.DELETED.name())));
    StringBuilder set = new StringBuilder();
    if (name != null) {
      names.put("#name", AssetItems.NAME);
      values.put(":name", s(name));
      set.append("#name = :name");
    }
    if (classification != null) {
      names.put("#classification", AssetItems.CLASSIFICATION);
      values.put(":classification", s(classification.name()));
      set.append(set.isEmpty() ? "" : ", ").append("#classification = :classification");
    }
    if (set.isEmpty()) {
      return find(assetId).filter(a -> a.status() != AssetStatus.DELETED);
    }
    boolean secret = classification == Classification.SECRET;
    if (secret) {
      // SECRET assets are never linked out: the live-link count decides, in the same write
      names.put("#live", Keys.LIVE_LINKS);
      values.put(":zero", n(0));
    }
    String condition = secret ? NOT_DELETED + " AND (attribute_not_exists(#live) OR #live = :zero)" : NOT_DELETED;
    try {
      // a transaction of one item, so that an audited change carries its record in the same write
      Transactions.write(dynamo, List.of(Tx.update(table, key(assetId), "SET " + set, condition, names, values, NotUpdated::new)));
      return find(assetId);
    } catch (NotUpdated e) {
      Optional<Asset> now = find(assetId).filter(a -> a.status() != AssetStatus.DELETED);
      if (now.isPresent() && classification == Classification.SECRET) {
        throw DeletionConflicts.linkedAsset();
      }
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(Asset asset, Instant deletedAt, String deletedBy) {
    var items = List.of(
        Tx.update(table, key(asset.assetId()),
            "SET #status = :deleted, #deletedAt = :at, #deletedBy = :by, #gpk = :list",
            NOT_DELETED,
            Map.of("#status", AssetItems.STATUS, "#deletedAt", AssetItems.DELETED_AT, "#deletedBy", AssetItems.DELETED_BY,
                "#gpk", Keys.GSI1_PK),
            Map.of(":deleted", s(AssetStatus.DELETED.name()), ":at", s(Times.format(deletedAt)), ":by", s(deletedBy),
                ":list", s(Keys.groupAssets(asset.groupId(), true))), AlreadyDeleted::new),
        Tx.update(table, groupMeta(asset.groupId()), "SET #count = #count - :one", "#count > :zero",
            Map.of("#count", Keys.ASSET_COUNT), Map.of(":one", n(1), ":zero", n(0)),
            () -> new IllegalStateException("group " + asset.groupId() + " counts no asset to delete")));
    try {
      Transactions.write(dynamo, items);
      return true;
    } catch (AlreadyDeleted e) {
      return false;
    }
  }

  /** The asset's condition failed: a concurrent or earlier delete won. */
  private static final class AlreadyDeleted extends RuntimeException {
    AlreadyDeleted() {
      super(null, null, false, false);
    }
  }

  @Override
  public boolean markAvailable(String assetId, String versionId, Instant availableAt) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":pending", s(AssetStatus.PENDING_UPLOAD.name()), ":available", s(AssetStatus.AVAILABLE.name()),
        ":availableAt", s(Times.format(availableAt))));
    String set = "SET #status = :available, " + AssetItems.AVAILABLE_AT + " = :availableAt";
    if (versionId != null) {
      values.put(":version", s(versionId));
      set += ", " + AssetItems.VERSION_ID + " = :version";
    }
    return decide(assetId, set + " REMOVE " + AssetItems.UPLOAD_ID, values);
  }

  @Override
  public boolean restoreUnderWay(String assetId, Instant now) {
    var item = dynamo.getItem(r -> r.tableName(table).key(key(assetId)).consistentRead(true)
        .projectionExpression(AssetItems.RESTORING_SINCE)).item();
    AttributeValue since = item == null ? null : item.get(AssetItems.RESTORING_SINCE);
    return since != null && RestoreWindow.underWay(Instant.parse(since.s()), now);
  }

  @Override
  public boolean markRejected(String assetId, String reason) {
    return decide(assetId, "SET #status = :rejected, " + AssetItems.REJECTED_BECAUSE + " = :reason REMOVE " + AssetItems.UPLOAD_ID,
        Map.of(
        ":pending", s(AssetStatus.PENDING_UPLOAD.name()), ":rejected", s(AssetStatus.REJECTED.name()), ":reason", s(reason)));
  }

  private boolean decide(String assetId, String update, Map<String, AttributeValue> values) {
    try {
      dynamo.updateItem(r -> r.tableName(table).key(key(assetId)).updateExpression(update)
          .conditionExpression("#status = :pending").expressionAttributeNames(Map.of("#status", AssetItems.STATUS))
          .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** The update's condition failed: the asset is gone, deleted, or (for SECRET) linked out. */
  private static final class NotUpdated extends RuntimeException {
    NotUpdated() {
      super(null, null, false, false);
    }
  }
}
