package org.labvault.local.engine;

/**
 * An error answer of an emulated AWS service: the error type or code the SDK raises its exception
 * by, the HTTP status and the message. Each service writes it in its own protocol.
 */
public abstract class ServiceError extends RuntimeException {
  private final String type;
  private final int status;

  protected ServiceError(String type, int status, String message) {
    super(message);
    this.type = type;
    this.status = status;
  }

  /** The error type or code, e.g. {@code NotFoundException} or {@code InvalidParameter}. */
  public String type() {
    return type;
  }

  public int status() {
    return status;
  }
}
