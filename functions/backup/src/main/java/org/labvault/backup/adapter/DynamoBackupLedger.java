package org.labvault.backup.adapter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.inject.Inject;
import org.labvault.backup.domain.BackedUpAsset;
import org.labvault.backup.port.BackupLedger;
import org.labvault.backup.snapshot.ScanSegments;
import org.labvault.shared.asset.adapter.AssetItems;
import org.labvault.shared.asset.domain.RestoreWindow;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.Transactions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.config.Config;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The copy as attributes of the asset's META item; assets found by a parallel scan. */
public final class DynamoBackupLedger implements BackupLedger {

  static final String BACKUP_VERSION_ID = "backupVersionId";
  static final String BACKED_UP_AT = "backedUpAt";
  static final String BACKUP_PURGED_AT = "backupPurgedAt";
  private static final String RESTORING_SINCE = AssetItems.RESTORING_SINCE;
  /** Still DELETED with the copy the caller read, and that copy not purged. */
  private static final String DELETED_WITH_COPY = "#status = :deleted AND #v = :v AND attribute_not_exists(#purged)";
  private static final Map<String, String> DELETED_WITH_COPY_NAMES =
      Map.of("#status", AssetItems.STATUS, "#v", BACKUP_VERSION_ID, "#purged", BACKUP_PURGED_AT);
  private static final String PROJECTION = String.join(", ", AssetItems.ASSET_ID, AssetItems.GROUP_ID,
      AssetItems.OBJECT_KEY, AssetItems.VERSION_ID, AssetItems.SIZE_BYTES, AssetItems.SHA256, "#status", AssetItems.AVAILABLE_AT,
      AssetItems.CREATED_AT, AssetItems.DELETED_AT, BACKUP_VERSION_ID, BACKUP_PURGED_AT,
      RESTORING_SINCE);

  private final DynamoDbClient dynamo;
  private final Config config;
  private final String table;

  @Inject
  public DynamoBackupLedger(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.config = config;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  private static Map<String, AttributeValue> key(String assetId) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.asset(assetId)), Keys.SK, AttributeValue.fromS(Keys.META));
  }

  @Override
  public boolean record(String assetId, String backupVersionId, Instant backedUpAt) {
    try {
      dynamo.updateItem(r -> r.tableName(table).key(key(assetId))
          // a replay keeps the first time the copy was recorded
          .updateExpression("SET #v = :v, #at = if_not_exists(#at, :at)")
          .conditionExpression("#status IN (:available, :deleted) AND (attribute_not_exists(#v) OR #v = :v)")
          .expressionAttributeNames(Map.of("#v", BACKUP_VERSION_ID, "#at", BACKED_UP_AT, "#status", AssetItems.STATUS))
          .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(backupVersionId),
              ":at", AttributeValue.fromS(Times.format(backedUpAt)),
              ":available", AttributeValue.fromS(BackedUpAsset.AVAILABLE),
              ":deleted", AttributeValue.fromS(BackedUpAsset.DELETED))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void forEachAsset(Consumer<BackedUpAsset> each) {
    // read here, not at construction: the stream function records copies and never scans
    int segments = ScanSegments.of(config);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (int s = 0; s < segments; s++) {
        int segment = s;
        running.add(pool.submit(() -> scanSegment(segment, segments, each)));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading assets", e);
    }
  }

  private void scanSegment(int segment, int segments, Consumer<BackedUpAsset> each) {
    var pages = dynamo.scanPaginator(r -> r.tableName(table).segment(segment).totalSegments(segments)
        .consistentRead(true).filterExpression("#type = :asset AND " + Keys.SK + " = :meta").projectionExpression(PROJECTION)
        .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#status", AssetItems.STATUS))
        .expressionAttributeValues(Map.of(":asset", AttributeValue.fromS("Asset"), ":meta", AttributeValue.fromS(Keys.META))));
    pages.items().forEach(item -> each.accept(asset(item)));
  }

  @Override
  public Optional<BackedUpAsset> find(String assetId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(key(assetId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(asset(item));
  }

  @Override
  public boolean markPurged(BackedUpAsset asset, Instant purgedAt) {
    return updateWhileDeletedWithCopy(asset, "SET #purged = :at", "", Map.of(),
        Map.of(":at", AttributeValue.fromS(Times.format(purgedAt))));
  }

  @Override
  public boolean beginRestore(BackedUpAsset asset, Instant since) {
    return updateWhileDeletedWithCopy(asset, "SET #restoring = :since",
        " AND (attribute_not_exists(#restoring) OR #restoring < :stale)", Map.of("#restoring", RESTORING_SINCE),
        Map.of(":since", AttributeValue.fromS(Times.format(since)),
            ":stale", AttributeValue.fromS(Times.format(since.minus(RestoreWindow.LENGTH)))));
  }

  /** Updates the asset only while it is DELETED with the unpurged copy {@code asset} names; false when it is not. */
  private boolean updateWhileDeletedWithCopy(BackedUpAsset asset, String update, String moreCondition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    Map<String, String> allNames = new HashMap<>(names);
    allNames.putAll(DELETED_WITH_COPY_NAMES);
    Map<String, AttributeValue> allValues = new HashMap<>(values);
    allValues.putAll(deletedWithCopyValues(asset));
    try {
      dynamo.updateItem(r -> r.tableName(table).key(key(asset.assetId())).updateExpression(update)
          .conditionExpression(DELETED_WITH_COPY + moreCondition)
          .expressionAttributeNames(allNames).expressionAttributeValues(allValues));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static Map<String, AttributeValue> deletedWithCopyValues(BackedUpAsset asset) {
    return Map.of(":deleted", AttributeValue.fromS(BackedUpAsset.DELETED), ":v", AttributeValue.fromS(asset.backupVersionId()));
  }

  @Override
  public void endRestore(BackedUpAsset asset, Instant since) {
    try {
      dynamo.updateItem(r -> r.tableName(table).key(key(asset.assetId()))
          .updateExpression("REMOVE #restoring").conditionExpression("#restoring = :since")
          .expressionAttributeNames(Map.of("#restoring", RESTORING_SINCE))
          .expressionAttributeValues(Map.of(":since", AttributeValue.fromS(Times.format(since)))));
    } catch (ConditionalCheckFailedException e) {
      // forgotten before, or another restore began since: not ours to remove
    }
  }

  @Override
  public Restored restore(BackedUpAsset asset, Instant since, String dataVersionId, Instant restoredAt,
      String restoredBy) {
    Map<String, String> names = new HashMap<>(DELETED_WITH_COPY_NAMES);
    names.putAll(Map.of("#gpk", Keys.GSI1_PK, "#restoring", RESTORING_SINCE));
    Map<String, AttributeValue> values = new HashMap<>(deletedWithCopyValues(asset));
    values.putAll(Map.of(":available", AttributeValue.fromS(BackedUpAsset.AVAILABLE),
        ":version", AttributeValue.fromS(dataVersionId),
        ":live", AttributeValue.fromS(Keys.groupAssets(asset.groupId(), false)),
        ":at", AttributeValue.fromS(Times.format(restoredAt)), ":by", AttributeValue.fromS(restoredBy),
        ":since", AttributeValue.fromS(Times.format(since))));
    var items = List.of(
        Tx.update(table, key(asset.assetId()),
            "SET #status = :available, " + AssetItems.VERSION_ID + " = :version, #gpk = :live, "
                + AssetItems.RESTORED_AT + " = :at, " + AssetItems.RESTORED_BY + " = :by"
                + " REMOVE " + AssetItems.DELETED_AT + ", " + AssetItems.DELETED_BY + ", #restoring",
            DELETED_WITH_COPY + " AND #restoring = :since", names, values, () -> new Refused(Restored.NOT_DELETED)),
        Tx.update(table, Map.of(Keys.PK, AttributeValue.fromS(Keys.group(asset.groupId())),
                Keys.SK, AttributeValue.fromS(Keys.META)),
            "SET #count = if_not_exists(#count, :zero) + :one", "#status = :active",
            Map.of("#count", Keys.ASSET_COUNT, "#status", Keys.GROUP_STATUS),
            Map.of(":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"),
                ":active", AttributeValue.fromS(Keys.GROUP_ACTIVE)),
            () -> new Refused(Restored.GROUP_GONE)));
    try {
      Transactions.write(dynamo, items);
      return Restored.RESTORED;
    } catch (Refused e) {
      return e.outcome;
    }
  }

  /** A condition of the restore failed; the item whose condition it was says why. */
  private static final class Refused extends RuntimeException {
    final Restored outcome;

    Refused(Restored outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }

  private static BackedUpAsset asset(Map<String, AttributeValue> item) {
    Instant createdAt = time(item, AssetItems.CREATED_AT);
    Instant availableAt = time(item, AssetItems.AVAILABLE_AT);
    String status = str(item, AssetItems.STATUS);
    String versionId = str(item, AssetItems.VERSION_ID);
    return new BackedUpAsset(str(item, AssetItems.ASSET_ID), str(item, AssetItems.GROUP_ID), str(item, AssetItems.OBJECT_KEY),
        versionId, item.containsKey(AssetItems.SIZE_BYTES) ? Long.parseLong(item.get(AssetItems.SIZE_BYTES).n()) : 0,
        str(item, AssetItems.SHA256), status, availableAt != null || versionId == null ? availableAt : createdAt,
        time(item, AssetItems.DELETED_AT), str(item, BACKUP_VERSION_ID), time(item, BACKUP_PURGED_AT), time(item, RESTORING_SINCE));
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static Instant time(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }
}
