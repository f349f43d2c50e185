package org.labvault.local.kms;

import org.labvault.local.engine.ServiceError;

/**
 * A KMS error answer: its {@code __type} (the exception the SDK raises) and HTTP status.
 */
public final class KmsError extends ServiceError {

  KmsError(String type, int status, String message) {
    super(type, status, message);
  }

  static KmsError validation(String message) {
    return new KmsError("ValidationException", 400, message);
  }

  /** KMS's message for a member that breaks its constraint, e.g. a missing one. */
  static KmsError constraint(String member, String value, String constraint) {
    return validation("1 validation error detected: Value " + value + " at '" + member
        + "' failed to satisfy constraint: " + constraint);
  }

  static KmsError notFound(String message) {
    return new KmsError("NotFoundException", 400, message);
  }

  static KmsError invalidKeyUsage(String message) {
    return new KmsError("InvalidKeyUsageException", 400, message);
  }

  static KmsError disabled(String keyArn) {
    return new KmsError("DisabledException", 409, keyArn + " is disabled.");
  }

  static KmsError invalidSignature() {
    return new KmsError("KMSInvalidSignatureException", 400, null);
  }

  static KmsError unknownOperation() {
    return new KmsError("UnknownOperationException", 400, null);
  }

  static KmsError internal() {
    return new KmsError("KMSInternalException", 500, "An internal error occurred; please retry");
  }

  /**
   * A request whose SigV4 signature is refused, as JSON-protocol services name it (KMS answers
   * AccessDeniedException only for what a key policy or IAM denies).
   */
  static KmsError signature(String sigV4Code, String message) {
    String type = switch (sigV4Code) {
      case "MissingAuthenticationToken" -> "MissingAuthenticationTokenException";
      case "IncompleteSignature" -> "IncompleteSignatureException";
      case "InvalidClientTokenId" -> "UnrecognizedClientException";
      default -> "InvalidSignatureException";
    };
    return new KmsError(type, 400, message);
  }
}
