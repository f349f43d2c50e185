package org.labvault.shared.error;

/** 409: the request conflicts with the current state or an invariant (LAST_ADMIN ...). */
public final class ConflictException extends AppException {
  public ConflictException(ErrorCode code, String detail) {
    super(409, code, detail);
  }

  /**
   * For callers that still name the code as text: it must be one of {@link ErrorCode}, so no code
   * outside that one list reaches a client.
   *
   * @throws IllegalArgumentException when {@code code} is no {@link ErrorCode}
   */
  public ConflictException(String code, String detail) {
    this(ErrorCode.valueOf(code), detail);
  }
}
