package org.labvault.local.engine;

import java.io.InputStream;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Multipart uploads as S3 treats them: listing the parts of, uploading a part to or completing an
 * upload the bucket does not hold (never started, completed or aborted) is 404 NoSuchUpload. The
 * store underneath would list no parts for it, as if it were open and empty.
 */
final class KnownUploads extends ForwardingBlobStore {

  KnownUploads(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public List<Part> listMultipartUpload(MultipartUpload upload) {
    requireOpen(upload);
    return super.listMultipartUpload(upload);
  }

  @Override
  public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream content) {
    requireOpen(upload);
    return super.uploadMultipartPart(upload, request, content);
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
    requireOpen(upload);
    return super.completeMultipartUpload(upload, request);
  }

  private void requireOpen(MultipartUpload upload) {
    boolean open = listMultipartUploads(upload.containerName()).stream()
        .anyMatch(u -> upload.id().equals(u.uploadId()) && upload.blobName().equals(u.key()));
    if (!open) {
      String message = "The specified upload does not exist. The upload ID may be invalid, or the upload may have been"
          + " aborted or completed.";
      throw NoSuchUploadException.builder().statusCode(404).message(message)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchUpload").errorMessage(message)
              .sdkHttpResponse(SdkHttpResponse.builder().statusCode(404).build()).build())
          .build();
    }
  }
}
