package org.labvault.shared.error;

/** 409: the request conflicts with the current state or an invariant (LAST_ADMIN ...). */
public final class ConflictException extends AppException {
  public ConflictException(ErrorCode code, String detail) {
    super(409, code, detail);
  }

}
