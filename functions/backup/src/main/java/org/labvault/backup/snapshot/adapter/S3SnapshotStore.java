package org.labvault.backup.snapshot.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.labvault.backup.snapshot.SnapshotManifest;
import org.labvault.backup.snapshot.port.SnapshotStore;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Snapshots in the backup bucket: {@code snapshots/<id>/part-NNNNN.jsonl.gz} per segment and
 * {@code snapshots/<id>/manifest.json}, every object encrypted at rest (SSE AES256). The bucket is
 * versioned, so removing a snapshot removes every version of its objects.
 */
public final class S3SnapshotStore implements SnapshotStore {

  static final String PREFIX = "snapshots/";
  static final String MANIFEST = "manifest.json";
  /** Moving a part of a large table takes far longer than an ordinary API call may. */
  private static final Duration LONG_CALL = Duration.ofMinutes(10);
  /** DeleteObjects takes at most this many keys. */
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;
  private final Config config;

  @Inject
  public S3SnapshotStore(S3Client s3, Config config) {
    this.s3 = s3;
    this.config = config;
  }

  private String bucket() {
    return config.require(Config.Names.BACKUP_BUCKET);
  }

  static String prefix(String snapshotId) {
    return PREFIX + snapshotId + "/";
  }

  static String partKey(String snapshotId, int segment) {
    return prefix(snapshotId) + "part-%05d.jsonl.gz".formatted(segment);
  }

  static String manifestKey(String snapshotId) {
    return prefix(snapshotId) + MANIFEST;
  }

  @Override
  public void putPart(String snapshotId, int segment, byte[] gzipped) {
    s3.putObject(r -> r.bucket(bucket()).key(partKey(snapshotId, segment)).contentType("application/gzip")
        .serverSideEncryption(ServerSideEncryption.AES256)
        .overrideConfiguration(o -> o.apiCallTimeout(LONG_CALL).apiCallAttemptTimeout(LONG_CALL)),
        RequestBody.fromBytes(gzipped));
  }

  @Override
  public void putManifest(SnapshotManifest manifest) {
    s3.putObject(r -> r.bucket(bucket()).key(manifestKey(manifest.snapshotId())).contentType("application/json")
        .serverSideEncryption(ServerSideEncryption.AES256),
        RequestBody.fromString(Json.instance().write(manifest)));
  }

  @Override
  public List<SnapshotManifest> manifests() {
    String bucket = bucket();
    List<SnapshotManifest> manifests = new ArrayList<>();
    for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(PREFIX)).contents()) {
      if (object.key().endsWith("/" + MANIFEST)) {
        manifests.add(readManifest(bucket, object.key()));
      }
    }
    manifests.sort(SnapshotManifest.NEWEST_FIRST);
    return manifests;
  }

  /** A manifest that cannot be read fails the listing: a damaged snapshot must be seen, not skipped. */
  private SnapshotManifest readManifest(String bucket, String key) {
    byte[] json = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    try {
      return Json.instance().mapper().readValue(json, SnapshotManifest.class);
    } catch (IOException e) {
      throw new IllegalStateException("snapshot manifest " + key + " in " + bucket + " is not a manifest: " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream openPart(String snapshotId, int segment) {
    return s3.getObject(GetObjectRequest.builder().bucket(bucket()).key(partKey(snapshotId, segment))
        .overrideConfiguration(o -> o.apiCallTimeout(LONG_CALL).apiCallAttemptTimeout(LONG_CALL)).build());
  }

  @Override
  public int delete(String snapshotId) {
    String bucket = bucket();
    List<ObjectIdentifier> manifests = new ArrayList<>();
    List<ObjectIdentifier> parts = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (var page : s3.listObjectVersionsPaginator(r -> r.bucket(bucket).prefix(prefix(snapshotId)))) {
      page.versions().forEach(v -> add(v.key(), v.versionId(), manifests, parts, keys));
      page.deleteMarkers().forEach(m -> add(m.key(), m.versionId(), manifests, parts, keys));
    }
    // the manifest first: a snapshot half removed is then incomplete, never a restore point with parts missing
    deleteVersions(bucket, manifests);
    deleteVersions(bucket, parts);
    return keys.size();
  }

  private static void add(String key, String versionId, List<ObjectIdentifier> manifests, List<ObjectIdentifier> parts,
      Set<String> keys) {
    keys.add(key);
    (key.endsWith("/" + MANIFEST) ? manifests : parts).add(ObjectIdentifier.builder().key(key).versionId(versionId).build());
  }

  private void deleteVersions(String bucket, List<ObjectIdentifier> versions) {
    for (int from = 0; from < versions.size(); from += DELETE_BATCH) {
      List<ObjectIdentifier> batch = versions.subList(from, Math.min(versions.size(), from + DELETE_BATCH));
      var errors = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true))).errors();
      if (!errors.isEmpty()) {
        var first = errors.getFirst();
        throw new IllegalStateException("snapshot objects not removed from " + bucket + ": " + errors.size()
            + " errors, first " + first.key() + " " + first.versionId() + ": " + first.code() + " " + first.message());
      }
    }
  }
}
