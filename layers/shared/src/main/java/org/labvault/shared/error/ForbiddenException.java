package org.labvault.shared.error;

/** 403: the caller can see the resource, but its role does not allow the action. */
public final class ForbiddenException extends AppException {
  public ForbiddenException(String detail) {
    super(403, ErrorCode.FORBIDDEN, detail);
  }
}
