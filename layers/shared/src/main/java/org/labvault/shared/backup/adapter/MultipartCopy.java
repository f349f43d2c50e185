package org.labvault.shared.backup.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A server-side copy too large for one CopyObject: a multipart upload whose parts are UploadPartCopy
 * calls on byte ranges of the source version, a few at a time. A failed copy aborts its upload, so
 * no parts are left behind (S3 would keep them, and bill them, until the upload ends).
 */
final class MultipartCopy {

  static final long MIB = 1024L * 1024;
  /** S3's smallest part (except the last) and largest one. */
  static final long MIN_PART = 5 * MIB;
  static final long MAX_PART = 5L * 1024 * MIB;
  static final int MAX_PARTS = 10_000;
  private static final int PARALLEL = 4;

  /** One part: its number (from 1) and the source's bytes {@code first..last}, both included. */
  record Range(int partNumber, long first, long last) {
    String header() {
      return "bytes=" + first + "-" + last;
    }
  }

  private final S3Client s3;
  private final long partSize;

  MultipartCopy(S3Client s3, long partSize) {
    if (partSize < MIN_PART || partSize > MAX_PART) {
      throw new IllegalArgumentException("part size must be 5 MiB to 5 GiB: " + partSize);
    }
    this.s3 = s3;
    this.partSize = partSize;
  }

  /**
   * The parts of an object of {@code size} bytes: {@code partSize} each, or larger (whole MiB) when
   * that would take more than S3's 10,000 parts; the last part holds the rest.
   */
  static List<Range> ranges(long size, long partSize) {
    long fewestPartsSize = (size + MAX_PARTS - 1) / MAX_PARTS;
    long part = (Math.max(partSize, fewestPartsSize) + MIB - 1) / MIB * MIB;
    List<Range> ranges = new ArrayList<>();
    for (long first = 0; first < size; first += part) {
      ranges.add(new Range(ranges.size() + 1, first, Math.min(size, first + part) - 1));
    }
    return ranges;
  }

  /** Copies {@code size} bytes of one version to {@code toBucket} under the same key; returns the new version id. */
  String copy(String fromBucket, String key, String versionId, long size, String toBucket) {
    // the parts inherit nothing: encryption and the parts' checksum algorithm are the upload's
    String uploadId = s3.createMultipartUpload(r -> r.bucket(toBucket).key(key)
        .serverSideEncryption(ServerSideEncryption.AES256)
        .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
    try {
      List<CompletedPart> parts = copyParts(fromBucket, key, versionId, toBucket, uploadId, ranges(size, partSize));
      return s3.completeMultipartUpload(r -> r.bucket(toBucket).key(key).uploadId(uploadId)
              .multipartUpload(u -> u.parts(parts))
              .overrideConfiguration(o -> o.apiCallTimeout(S3BackupStore.LONG_CALL).apiCallAttemptTimeout(S3BackupStore.LONG_CALL)))
          .versionId();
    } catch (RuntimeException e) {
      abort(toBucket, key, uploadId, e);
      throw e;
    }
  }

  /** The completed parts in part number order, as CompleteMultipartUpload needs them. */
  private List<CompletedPart> copyParts(String fromBucket, String key, String versionId, String toBucket,
      String uploadId, List<Range> ranges) {
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, ranges.size()),
        Thread.ofPlatform().name("part-copy-", 0).factory())) {
      List<Future<CompletedPart>> futures = new ArrayList<>();
      for (Range range : ranges) {
        futures.add(pool.submit(() -> copyPart(fromBucket, key, versionId, toBucket, uploadId, range)));
      }
      List<CompletedPart> parts = new ArrayList<>();
      for (Future<CompletedPart> future : futures) {
        try {
          parts.add(future.get());
        } catch (ExecutionException e) {
          // parts not started never start; running ones are not interrupted, and closing the pool
          // waits for them, so none can land after the upload is aborted
          futures.forEach(f -> f.cancel(false));
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          futures.forEach(f -> f.cancel(false));
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while copying " + key, e);
        }
      }
      return parts;
    }
  }

  private CompletedPart copyPart(String fromBucket, String key, String versionId, String toBucket, String uploadId,
      Range range) {
    var result = s3.uploadPartCopy(r -> r.sourceBucket(fromBucket).sourceKey(key).sourceVersionId(versionId)
            .destinationBucket(toBucket).destinationKey(key).uploadId(uploadId)
            .partNumber(range.partNumber()).copySourceRange(range.header())
            .overrideConfiguration(o -> o.apiCallTimeout(S3BackupStore.LONG_CALL).apiCallAttemptTimeout(S3BackupStore.LONG_CALL)))
        .copyPartResult();
    return CompletedPart.builder().partNumber(range.partNumber())
        .eTag(result.eTag()).checksumSHA256(result.checksumSHA256()).build();
  }

  /** Failing to abort must not hide why the copy failed. */
  private void abort(String bucket, String key, String uploadId, RuntimeException failure) {
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
