package org.labvault.shared.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What every bucket adapter does the same way: the two reads objects are checked with (what S3 says
 * of a version: size and the SHA-256 it kept; the SHA-256 of its bytes read in full), and removing
 * every version of a key from a versioned bucket.
 */
public final class S3Reads {

  /** Hashing a large object takes far longer than an ordinary API call may. */
  static final Duration LONG_READ = Duration.ofMinutes(14);
  private static final int BUFFER = 64 * 1024;

  /** One version as HEAD answers it; {@code sha256} only when S3 kept one for the whole object. */
  public record Head(long sizeBytes, String versionId, String sha256) {}

  private S3Reads() {}

  /** HEAD of a version (the latest when {@code versionId} is null); empty when there is none. */
  public static Optional<Head> head(S3Client s3, String bucket, String key, String versionId) {
    try {
      var head = s3.headObject(r -> r.bucket(bucket).key(key).versionId(versionId).checksumMode(ChecksumMode.ENABLED));
      String sha = head.checksumSHA256();
      // a multipart object's checksum is of its parts ("...-N"), not of the object
      boolean wholeObject = sha != null && !sha.contains("-");
      return Optional.of(new Head(head.contentLength(), head.versionId(), wholeObject ? sha : null));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Base64 of the SHA-256 of a version's bytes, streamed (memory does not grow with the object). */
  public static String sha256(S3Client s3, String bucket, String key, String versionId) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    var get = GetObjectRequest.builder().bucket(bucket).key(key).versionId(versionId)
        .overrideConfiguration(o -> o.apiCallTimeout(LONG_READ).apiCallAttemptTimeout(LONG_READ)).build();
    try (InputStream in = s3.getObject(get)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(digest.digest());
  }

  /**
   * Deletes every version and delete marker of exactly {@code key}. One that is gone already is no
   * failure: two removals of the same key (an asset's deletion and its stream consumer, a repeated
   * purge) may run at once.
   *
   * @return how many versions and markers this call removed
   */
  public static int deleteAllVersions(S3Client s3, String bucket, String key) {
    int removed = 0;
    // the listing is by prefix: keys that merely start with this one are not ours
    for (var page : s3.listObjectVersionsPaginator(r -> r.bucket(bucket).prefix(key))) {
      for (var version : page.versions()) {
        if (version.key().equals(key) && removedIfThere(s3, bucket, key, version.versionId())) {
          removed++;
        }
      }
      for (var marker : page.deleteMarkers()) {
        if (marker.key().equals(key) && removedIfThere(s3, bucket, key, marker.versionId())) {
          removed++;
        }
      }
    }
    return removed;
  }

  private static boolean removedIfThere(S3Client s3, String bucket, String key, String versionId) {
    try {
      s3.deleteObject(r -> r.bucket(bucket).key(key).versionId(versionId));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
