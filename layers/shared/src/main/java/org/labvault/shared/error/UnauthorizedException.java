package org.labvault.shared.error;

/** 401: credentials are missing, malformed, forged or expired. */
public final class UnauthorizedException extends AppException {
  public UnauthorizedException(String detail) {
    super(401, ErrorCode.UNAUTHORIZED, detail);
  }
}
