package org.labvault.local.iot.api;

import org.labvault.local.engine.ServiceError;
import org.labvault.local.iot.IotRefusal;

/**
 * An IoT error answer: its type (the {@code x-amzn-ErrorType} header, by which the SDK raises the
 * matching exception), HTTP status and message. Both planes share these types and statuses.
 */
public final class IotError extends ServiceError {

  IotError(String type, int status, String message) {
    super(type, status, message);
  }

  static IotError invalidRequest(String message) {
    return new IotError("InvalidRequestException", 400, message);
  }

  static IotError notFound(String message) {
    return new IotError("ResourceNotFoundException", 404, message);
  }

  /** A request whose signature does not hold (IoT's 401 for both planes). */
  static IotError unauthorized(String message) {
    return new IotError("UnauthorizedException", 401, message);
  }

  static IotError unavailable(String message) {
    return new IotError("ServiceUnavailableException", 503, message);
  }

  static IotError internal() {
    return new IotError("InternalFailureException", 500, "An unexpected error has occurred; please retry");
  }

  /** The registry's refusal as IoT Core answers it. */
  static IotError of(IotRefusal refusal) {
    return switch (refusal.reason()) {
      case NOT_FOUND -> notFound(refusal.getMessage());
      case ALREADY_EXISTS -> new IotError("ResourceAlreadyExistsException", 409, refusal.getMessage());
      case INVALID -> invalidRequest(refusal.getMessage());
      case CERTIFICATE_STATE -> new IotError("CertificateStateException", 406, refusal.getMessage());
      case DELETE_CONFLICT -> new IotError("DeleteConflictException", 409, refusal.getMessage());
    };
  }
}
