package org.labvault.shared.error;

/** 404: the resource does not exist, or the caller may not know that it does. */
public final class NotFoundException extends AppException {
  public NotFoundException(String detail) {
    super(404, ErrorCode.NOT_FOUND, detail);
  }
}
