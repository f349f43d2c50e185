package org.labvault.shared.asset.domain;

/**
 * How a file of a given size is uploaded: one presigned PUT up to {@link #SINGLE_PUT_LIMIT}, else
 * a multipart upload. Parts are at least 5 MiB (S3's minimum) and at most 5 GiB (its maximum); the
 * part size aims at {@link #TARGET_PARTS} parts so the answer that lists one presigned URL per part
 * stays far below Lambda's 6 MB response limit, and S3's 10,000-part limit is never reached.
 *
 * @param partSizeBytes the size of every part but the last; 0 for a single PUT
 * @param partCount 1 for a single PUT
 */
public record UploadPlan(boolean multipart, long partSizeBytes, int partCount) {

  public static final long MIB = 1024L * 1024;
  public static final long SINGLE_PUT_LIMIT = 100 * MIB;
  public static final long MAX_SIZE = 5L * 1024 * 1024 * MIB;
  public static final long MIN_PART = 5 * MIB;
  public static final long MAX_PART = 5L * 1024 * MIB;
  public static final int TARGET_PARTS = 1000;
  public static final int MAX_PARTS = 10_000;

  public static UploadPlan forSize(long sizeBytes) {
    if (sizeBytes < 1 || sizeBytes > MAX_SIZE) {
      throw new IllegalArgumentException("size out of range: " + sizeBytes);
    }
    if (sizeBytes <= SINGLE_PUT_LIMIT) {
      return new UploadPlan(false, 0, 1);
    }
    long wanted = ceilDiv(sizeBytes, TARGET_PARTS);
    long partSize = Math.min(MAX_PART, Math.max(MIN_PART, ceilDiv(wanted, MIB) * MIB));
    return new UploadPlan(true, partSize, (int) ceilDiv(sizeBytes, partSize));
  }

  /**
   * The size of part {@code partNumber} (1-based) of a file of {@code sizeBytes}; a single PUT's one
   * part is the whole file (it is the last part, and no part comes before it).
   */
  public long partSize(long sizeBytes, int partNumber) {
    return partNumber < partCount ? partSizeBytes : sizeBytes - partSizeBytes * (partCount - 1);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
