package org.labvault.local.sns;

import org.labvault.local.engine.ServiceError;

/**
 * An SNS error answer: its code, HTTP status and whether the caller is at fault (the
 * {@code Type} of SNS's XML error: Sender or Receiver).
 */
public final class SnsError extends ServiceError {

  SnsError(String code, int status, String message) {
    super(code, status, message);
  }

  public boolean senderFault() {
    return status() < 500;
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
