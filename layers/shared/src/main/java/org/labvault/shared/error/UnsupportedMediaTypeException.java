package org.labvault.shared.error;

/** 415: a body was sent with a content type other than JSON. */
public final class UnsupportedMediaTypeException extends AppException {
  public UnsupportedMediaTypeException(String detail) {
    super(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, detail);
  }
}
