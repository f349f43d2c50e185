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

  public static final String TYPE_ASSET = "Asset";
  public static final String ASSET_ID = "assetId";
  public static final String GROUP_ID = "groupId";
  static final String TENANT = "tenant";
  static final String NAME = "name";
  static final String CONTENT_TYPE = "contentType";
  public static final String SIZE_BYTES = "sizeBytes";
  public static final String SHA256 = "sha256";
  public static final String CREATED_AT = "createdAt";
  static final String CREATED_BY = "createdBy";
  public static final String OBJECT_KEY = "objectKey";
  /** The multipart upload under way; removed once the upload is decided. */
  static final String UPLOAD_ID = "uploadId";
  static final String UPLOAD_EXPIRES_AT = "uploadExpiresAt";
  /** The object version the verified upload made. */
  public static final String VERSION_ID = "versionId";
  /** Why the verification refused the upload. */
  static final String REJECTED_BECAUSE = "rejectedBecause";
  /** When and by whom an operator restored a deleted asset from its backup copy. */
  public static final String RESTORED_AT = "restoredAt";
  public static final String RESTORED_BY = "restoredBy";

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
    item.put(Keys.TYPE, s(TYPE_ASSET));
    item.put(ASSET_ID, s(a.assetId()));
    item.put(GROUP_ID, s(a.groupId()));
    item.put(TENANT, s(a.tenant()));
    item.put(NAME, s(a.name()));
    item.put(CONTENT_TYPE, s(a.contentType()));
    item.put(SIZE_BYTES, n(a.sizeBytes()));
    item.put(SHA256, s(a.sha256()));
    item.put(CLASSIFICATION, s(a.classification().name()));
    item.put(STATUS, s(a.status().name()));
    item.put(CREATED_AT, s(Times.format(a.createdAt())));
    item.put(CREATED_BY, s(a.createdBy()));
    item.put(OBJECT_KEY, s(a.objectKey()));
    if (a.uploadId() != null) {
      item.put(UPLOAD_ID, s(a.uploadId()));
    }
    item.put(UPLOAD_EXPIRES_AT, s(Times.format(a.uploadExpiresAt())));
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
        item.get(ASSET_ID).s(),
        item.get(GROUP_ID).s(),
        item.get(TENANT).s(),
        item.get(NAME).s(),
        item.get(CONTENT_TYPE).s(),
        Long.parseLong(item.get(SIZE_BYTES).n()),
        item.get(SHA256).s(),
        Classification.valueOf(item.get(CLASSIFICATION).s()),
        AssetStatus.valueOf(item.get(STATUS).s()),
        Instant.parse(item.get(CREATED_AT).s()),
        item.get(CREATED_BY).s(),
        item.get(OBJECT_KEY).s(),
        str(item, UPLOAD_ID),
        Instant.parse(item.get(UPLOAD_EXPIRES_AT).s()),
        str(item, VERSION_ID),
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
