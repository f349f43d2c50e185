package org.labvault.shared.error;

/** 400: the request is malformed or a field is invalid; the detail names the field. */
public final class ValidationException extends AppException {
  private ValidationException(ErrorCode code, String detail) {
    super(400, code, detail);
  }

  /** An invalid field: {@code field} is the JSON path the client sent, e.g. {@code endsAt}. */
  public static ValidationException field(String field, String problem) {
    return new ValidationException(ErrorCode.VALIDATION, field + ": " + problem);
  }

  public static ValidationException of(String detail) {
    return new ValidationException(ErrorCode.VALIDATION, detail);
  }

  /** A body that is not JSON: VALIDATION as for any invalid input (the contract's one 400 code), naming the body. */
  public static ValidationException malformedJson() {
    return field("body", "is not valid JSON");
  }
}
