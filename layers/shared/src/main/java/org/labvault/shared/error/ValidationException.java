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

  public static ValidationException malformedJson() {
    return new ValidationException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
  }
}
