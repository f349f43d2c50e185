package org.labvault.local.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.labvault.local.template.Model;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * An S3 server that checks SigV4 signatures (also of presigned URLs), signed checksums, SSE,
 * versioning, and each bucket's public access block and ownership controls; objects live on disk in the state directory, or in memory.
 */
public final class S3Engine implements Engine {

  /** Its key in stack.json. */
  public static final String ENDPOINT = "s3Endpoint";

  /** Told of every object created, after S3 stored it (as S3 event notifications would be). */
  public interface ObjectCreatedListener {
    /**
     * @param eventName {@code ObjectCreated:Put}, {@code :Copy} or {@code :CompleteMultipartUpload}
     * @param versionId null in a bucket without versioning
     */
    void created(String bucket, String eventName, String key, long sizeBytes, String eTag, String versionId);
  }

  private final S3Proxy proxy;
  private final Notifications notifications;

  private S3Engine(S3Proxy proxy, Notifications notifications) {
    this.proxy = proxy;
    this.notifications = notifications;
  }

  /** Where created objects are reported from now on. */
  public void onObjectCreated(ObjectCreatedListener listener) {
    notifications.listener = listener;
  }

  /**
   * Starts the server.
   *
   * @param dataDir where objects persist (its file system must keep user extended attributes), or
   *     null to keep them in memory
   * @param buckets the template's buckets: their policies' SSE rules, public access blocks and
   *     ownership controls are enforced
   * @param port its port on 127.0.0.1, or 0 for any free one
   */
  public static S3Engine start(
      Path dataDir, String accessKeyId, String secretKey, Collection<Model.Bucket> buckets, int port)
      throws Exception {
    BlobStore store = dataDir == null ? new TransientNio2BlobStore() : new DiskBlobStore(dataDir);
    Map<String, Model.SseRule> sseRules = buckets.stream()
        .collect(Collectors.toMap(Model.Bucket::bucketName, Model.Bucket::sseRule));
    Notifications notifications = new Notifications(new BucketPolicies(new KnownUploads(store), sseRules));
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(notifications)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretKey)
            .build();
    new BucketAccessChecks(buckets.stream().collect(Collectors.toMap(Model.Bucket::bucketName, Model.Bucket::access)))
        .installIn(proxy);
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      if ("FAILED".equals(proxy.getState())) {
        throw new IllegalStateException("the S3 server did not start");
      }
      Thread.sleep(5);
    }
    return new S3Engine(proxy, notifications);
  }

  /**
   * Whether {@code dir} can hold objects: the disk store keeps SSE and version metadata in user
   * extended attributes, which some file systems lack.
   *
   * @return null when it can, else the reason it cannot
   */
  public static String whyNotPersistent(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".xattr", ".probe");
      try {
        var view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
        if (view == null) {
          return "its file system has no user extended attributes";
        }
        view.write("labvault.probe", ByteBuffer.wrap("1".getBytes(StandardCharsets.UTF_8)));
        return null;
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException e) {
      return "its file system has no user extended attributes (" + e.getMessage() + ")";
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  @Override
  public String name() {
    return "S3";
  }

  @Override
  public Map<String, URI> endpoints() {
    return Map.of(ENDPOINT, endpoint());
  }

  /** Creates the template's buckets (kept ones stay) and applies versioning and encryption. */
  public void createBuckets(Collection<Model.Bucket> buckets, S3Client s3) {
    for (Model.Bucket bucket : buckets) {
      try {
        s3.createBucket(r -> r.bucket(bucket.bucketName()));
      } catch (BucketAlreadyOwnedByYouException e) {
        // kept from an earlier run
      }
      if (bucket.versioned()) {
        s3.putBucketVersioning(r -> r.bucket(bucket.bucketName())
            .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      }
      if (bucket.defaultEncryption()) {
        s3.putBucketEncryption(r -> r.bucket(bucket.bucketName())
            .serverSideEncryptionConfiguration(c -> c.rules(rule -> rule.applyServerSideEncryptionByDefault(
                d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
      }
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }

  /** s3proxy's file-system store with the SSE and versioning support its metadata needs. */
  static final class DiskBlobStore extends AbstractNio2BlobStore {
    DiskBlobStore(Path root) {
      super(root);
    }

    @Override
    public boolean supportsVersioning() {
      return true;
    }

    @Override
    public boolean supportsServerSideEncryption() {
      return true;
    }

    @Override
    public boolean supportsBucketEncryption() {
      return true;
    }
  }

  /** The template's bucket policies that the local server can enforce: the SSE header of puts. */
  static final class BucketPolicies extends ForwardingBlobStore {
    private final Map<String, Model.SseRule> rules;

    BucketPolicies(BlobStore delegate, Map<String, Model.SseRule> rules) {
      super(delegate);
      this.rules = Map.copyOf(rules);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
      checkSse(request.bucket(), request.serverSideEncryption());
      return super.putBlob(request, content);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
      checkSse(request.bucket(), request.serverSideEncryption());
      return super.initiateMultipartUpload(request);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
      checkSse(request.destinationBucket(), request.serverSideEncryption());
      return super.copyBlob(request);
    }

    private void checkSse(String bucket, ServerSideEncryption sse) {
      boolean denied = switch (rules.getOrDefault(bucket, Model.SseRule.NONE)) {
        case NONE -> false;
        case AES256_IF_GIVEN -> sse != null && sse != ServerSideEncryption.AES256;
        case AES256_REQUIRED -> sse != ServerSideEncryption.AES256;
      };
      if (denied) {
        throw S3Exceptions.fromStatusCode(403);
      }
    }
  }

  /** Reports each object created, once the store holds it. */
  static final class Notifications extends ForwardingBlobStore {
    private volatile ObjectCreatedListener listener;

    Notifications(BlobStore delegate) {
      super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
      PutObjectResponse response = super.putBlob(request, content);
      report(request.bucket(), "ObjectCreated:Put", request.key(), response.eTag(), response.versionId());
      return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
      CopyObjectResponse response = super.copyBlob(request);
      report(request.destinationBucket(), "ObjectCreated:Copy", request.destinationKey(),
          response.copyObjectResult() == null ? null : response.copyObjectResult().eTag(), response.versionId());
      return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
      CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
      report(request.bucket(), "ObjectCreated:CompleteMultipartUpload", request.key(), response.eTag(), response.versionId());
      return response;
    }

    private void report(String bucket, String eventName, String key, String eTag, String versionId) {
      ObjectCreatedListener l = listener;
      if (l == null) {
        return;
      }
      HeadObjectResponse head = blobMetadata(HeadObjectRequest.builder().bucket(bucket).key(key).versionId(versionId).build());
      String version = versionId != null ? versionId : head.versionId();
      l.created(bucket, eventName, key, head.contentLength(), unquoted(eTag != null ? eTag : head.eTag()), version);
    }

    private static String unquoted(String eTag) {
      return eTag == null ? null : eTag.replace("\"", "");
    }
  }
}
