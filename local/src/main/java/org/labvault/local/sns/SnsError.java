package org.labvault.local.sns;

/**
 * An SNS error answer: its code, HTTP status and whether the caller is at fault (the
 * {@code Type} of SNS's XML error: Sender or Receiver).
 */
public final class SnsError extends RuntimeException {
  private final String code;
  private final int status;

  SnsError(String code, int status, String message) {
    super(message);
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public boolean senderFault() {
    return status < 500;
  }

  static SnsError invalidParameter(String what) {
    return new SnsError("InvalidParameter", 400, "Invalid parameter: " + what);
  }

  static SnsError invalidParameterValue(String message) {
    return new SnsError("InvalidParameterValue", 400, message);
  }

  static SnsError missing(String parameter) {
    return new SnsError("ValidationError", 400,
        "1 validation error detected: Value null at '" + parameter + "' failed to satisfy constraint: Member must not be null");
  }

  static SnsError notFound(String message) {
    return new SnsError("NotFound", 404, message);
  }

  static SnsError internal() {
    return new SnsError("InternalError", 500, "An internal service error occurred; please retry");
  }
}
