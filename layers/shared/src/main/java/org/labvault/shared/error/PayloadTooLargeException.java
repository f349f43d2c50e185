package org.labvault.shared.error;

/** 413: the body is larger than the API accepts. */
public final class PayloadTooLargeException extends AppException {
  public PayloadTooLargeException(String detail) {
    super(413, ErrorCode.PAYLOAD_TOO_LARGE, detail);
  }
}
