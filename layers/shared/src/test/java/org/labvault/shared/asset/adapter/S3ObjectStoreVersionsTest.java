package org.labvault.shared.asset.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/** Removing every version of a deleted asset's key, at the SDK seam. */
class S3ObjectStoreVersionsTest {

  static final String KEY = "assets/acme/g/a";

  /** A versioned bucket holding two versions and a delete marker of KEY, and a longer key next to it. */
  static final class VersionedBucket implements S3Client {
    final List<ObjectVersion> versions = new ArrayList<>(List.of(
        ObjectVersion.builder().key(KEY).versionId("v1").build(),
        ObjectVersion.builder().key(KEY).versionId("v2").build(),
        ObjectVersion.builder().key(KEY + "2").versionId("v3").build()));
    final List<DeleteMarkerEntry> markers = new ArrayList<>(List.of(DeleteMarkerEntry.builder().key(KEY).versionId("m1").build()));
    final List<String> deleted = new ArrayList<>();

    @Override
    public ListObjectVersionsResponse listObjectVersions(ListObjectVersionsRequest request) {
      return ListObjectVersionsResponse.builder().isTruncated(false)
          .versions(versions.stream().filter(v -> v.key().startsWith(request.prefix())).toList())
          .deleteMarkers(markers.stream().filter(m -> m.key().startsWith(request.prefix())).toList()).build();
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
      deleted.add(request.key() + "@" + request.versionId());
      versions.removeIf(v -> v.key().equals(request.key()) && v.versionId().equals(request.versionId()));
      markers.removeIf(m -> m.key().equals(request.key()) && m.versionId().equals(request.versionId()));
      return DeleteObjectResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }

  @Test
  void deleteAllVersions_shouldRemoveEveryVersionAndMarkerOfTheKeyOnly_andBeRepeatable() {
    // given
    var bucket = new VersionedBucket();
    var store = new S3ObjectStore(bucket, null, Config.from(Map.of(Config.Names.DATA_BUCKET, "data")));
    // when
    int removed = store.deleteAllVersions(KEY);
    // then
    assertThat(removed).isEqualTo(3);
    assertThat(bucket.deleted).containsExactlyInAnyOrder(KEY + "@v1", KEY + "@v2", KEY + "@m1");
    assertThat(bucket.versions).extracting(ObjectVersion::key).containsExactly(KEY + "2");
    assertThat(store.deleteAllVersions(KEY)).isZero();
  }
}
