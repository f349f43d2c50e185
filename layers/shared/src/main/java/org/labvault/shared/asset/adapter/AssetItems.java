package org.labvault.shared.asset.adapter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How an asset looks as an item of the LabVault table. */
public final class AssetItems {

  /** Attribute names other items' transactions test or change on an asset. */
  public static final String STATUS = "status";
  public static final String CLASSIFICATION = "classification";
  public static final String DELETED_AT = "deletedAt";
  public static final String DELETED_BY = "deletedBy";
  /** When the upload was verified; assets verified before it was kept have only createdAt. */
  public static final String AVAILABLE_AT = "availableAt";
  /** When an operator's restore began copying the object back; absent when none is under way. */
  public static final String RESTORING_SINCE = "restoringSince";

  private AssetItems() {}

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  /** The key of an asset's META item. */
  public static Map<String, AttributeValue> key(String assetId) {
    return Map.of(Keys.PK, s(Keys.asset(assetId)), Keys.SK, s(Keys.META));
  }

  static Map<String, AttributeValue> item(Asset a) {
    Map<String, AttributeValue> item = new HashMap<>(key(a.assetId()));
    item.put("type", s("Asset"));
    item.put("assetId", s(a.assetId()));
    item.put("groupId", s(a.groupId()));
    item.put("tenant", s(a.tenant()));
    item.put("name", s(a.name()));
    item.put("contentType", s(a.contentType()));
    item.put("sizeBytes", n(a.sizeBytes()));
    item.put("sha256", s(a.sha256()));
    item.put(CLASSIFICATION, s(a.classification().name()));
    item.put(STATUS, s(a.status().name()));
    item.put("createdAt", s(Times.format(a.createdAt())));
    item.put("createdBy", s(a.createdBy()));
    item.put("objectKey", s(a.objectKey()));
    if (a.uploadId() != null) {
      item.put("uploadId", s(a.uploadId()));
    }
    item.put("uploadExpiresAt", s(Times.format(a.uploadExpiresAt())));
    item.put(Keys.GSI1_PK, s(Keys.groupAssets(a.groupId(), a.status() == AssetStatus.DELETED)));
    item.put(Keys.GSI1_SK, s(a.assetId()));
    if (a.deletedAt() != null) {
      item.put(DELETED_AT, s(Times.format(a.deletedAt())));
      item.put(DELETED_BY, s(a.deletedBy()));
    }
    return item;
  }

  /** The asset an item holds. */
  public static Asset asset(Map<String, AttributeValue> item) {
    return new Asset(
        item.get("assetId").s(),
        item.get("groupId").s(),
        item.get("tenant").s(),
        item.get("name").s(),
        item.get("contentType").s(),
        Long.parseLong(item.get("sizeBytes").n()),
        item.get("sha256").s(),
        Classification.valueOf(item.get("classification").s()),
        AssetStatus.valueOf(item.get("status").s()),
        Instant.parse(item.get("createdAt").s()),
        item.get("createdBy").s(),
        item.get("objectKey").s(),
        str(item, "uploadId"),
        Instant.parse(item.get("uploadExpiresAt").s()),
        str(item, "versionId"),
        instant(item, DELETED_AT),
        str(item, DELETED_BY));
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }
}
