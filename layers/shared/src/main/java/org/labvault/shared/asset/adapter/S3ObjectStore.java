package org.labvault.shared.asset.adapter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.inject.Inject;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.aws.S3Reads;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The data bucket through the S3 client and presigner. */
public final class S3ObjectStore implements ObjectStore {

  /** Reading a large object to hash it takes far longer than an API call may. */
  static final String DOWNLOAD_CACHE_CONTROL = "private, no-store";

  private final S3Client s3;
  private final S3Presigner presigner;
  private final Config config;

  @Inject
  public S3ObjectStore(S3Client s3, S3Presigner presigner, Config config) {
    this.s3 = s3;
    this.presigner = presigner;
    this.config = config;
  }

  /** Read when first needed: functions that never touch the bucket need not be given its name. */
  private String bucket() {
    return config.require(Config.Names.DATA_BUCKET);
  }

  @Override
  public PresignedRequest presignPut(String key, long sizeBytes, String sha256, String contentType, Duration lifetime) {
    var put = PutObjectRequest.builder().bucket(bucket()).key(key)
        .contentLength(sizeBytes)
        .contentType(contentType)
        .checksumSHA256(sha256)
        .serverSideEncryption(ServerSideEncryption.AES256)
        .build();
    return request(presigner.presignPutObject(p -> p.signatureDuration(lifetime).putObjectRequest(put)));
  }

  @Override
  public String startMultipart(String key, String contentType) {
    return s3.createMultipartUpload(r -> r.bucket(bucket()).key(key).contentType(contentType)
        .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
  }

  @Override
  public List<PresignedPart> presignParts(String key, String uploadId, List<Long> partSizes, Duration lifetime) {
    List<PresignedPart> parts = new ArrayList<>(partSizes.size());
    for (int i = 0; i < partSizes.size(); i++) {
      var part = UploadPartRequest.builder().bucket(bucket()).key(key).uploadId(uploadId)
          .partNumber(i + 1).contentLength(partSizes.get(i)).build();
      var signed = presigner.presignUploadPart(p -> p.signatureDuration(lifetime).uploadPartRequest(part));
      parts.add(new PresignedPart(i + 1, signed.url().toString()));
    }
    return parts;
  }

  @Override
  public Optional<Map<Integer, String>> listParts(String key, String uploadId) {
    Map<Integer, String> parts = new TreeMap<>();
    try {
      s3.listPartsPaginator(r -> r.bucket(bucket()).key(key).uploadId(uploadId))
          .parts().forEach(p -> parts.put(p.partNumber(), p.eTag() == null ? "" : p.eTag().replace("\"", "")));
      return Optional.of(parts);
    } catch (NoSuchUploadException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Completion completeMultipart(String key, String uploadId, List<UploadedPart> parts) {
    List<CompletedPart> completed = parts.stream()
        .map(p -> CompletedPart.builder().partNumber(p.partNumber()).eTag(p.etag()).build()).toList();
    try {
      s3.completeMultipartUpload(r -> r.bucket(bucket()).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(completed)));
      return Completion.COMPLETED;
    } catch (NoSuchUploadException e) {
      return Completion.NO_SUCH_UPLOAD;
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if (e.statusCode() == 400 && code != null && code.startsWith("InvalidPart") || "EntityTooSmall".equals(code)) {
        throw ValidationException.field("parts", "do not match the uploaded parts (" + code + ")");
      }
      if (e.statusCode() == 404) {
        return Completion.NO_SUCH_UPLOAD;
      }
      throw e;
    }
  }

  @Override
  public Optional<StoredObject> head(String key, String versionId) {
    return S3Reads.head(s3, bucket(), key, versionId).map(h -> new StoredObject(h.sizeBytes(), h.versionId(), h.sha256()));
  }

  @Override
  public String sha256(String key, String versionId) {
    return S3Reads.sha256(s3, bucket(), key, versionId);
  }

  @Override
  public void delete(String key, String versionId) {
    s3.deleteObject(r -> r.bucket(bucket()).key(key).versionId(versionId));
  }

  @Override
  public int deleteAllVersions(String key) {
    return S3Reads.deleteAllVersions(s3, bucket(), key);
  }

  @Override
  public void abortMultipart(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket()).key(key).uploadId(uploadId));
    } catch (NoSuchUploadException e) {
      // completed or aborted before: nothing left to abort
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
    }
  }

  /**
   * The URL pins how the download is served, whatever headers were stored with the object (an
   * upload may add unsigned ones such as Cache-Control): no shared cache keeps it, and a browser
   * saves it as a file of the declared type instead of rendering it.
   */
  @Override
  public PresignedRequest presignGet(String key, String versionId, String fileName, String contentType, Duration lifetime) {
    var get = GetObjectRequest.builder().bucket(bucket()).key(key).versionId(versionId)
        .responseCacheControl(DOWNLOAD_CACHE_CONTROL)
        .responseContentType(contentType)
        .responseContentDisposition(attachment(fileName))
        .build();
    return request(presigner.presignGetObject(p -> p.signatureDuration(lifetime).getObjectRequest(get)));
  }

  /**
   * {@code attachment} with the name twice: plain ASCII with anything that could end or escape the
   * quoted string replaced, and exact in RFC 8187 form, which browsers prefer.
   */
  static String attachment(String fileName) {
    StringBuilder ascii = new StringBuilder();
    fileName.chars().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
    String exact = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
  }

  /** The URL and the headers its signature covers (Host is the URL's own). */
  private static PresignedRequest request(software.amazon.awssdk.awscore.presigner.PresignedRequest signed) {
    Map<String, String> headers = new TreeMap<>();
    signed.signedHeaders().forEach((name, values) -> {
      if (!name.toLowerCase(Locale.ROOT).equals("host")) {
        headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
      }
    });
    return new PresignedRequest(signed.url().toString(), headers, signed.expiration());
  }
}
