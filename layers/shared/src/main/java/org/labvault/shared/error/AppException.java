package org.labvault.shared.error;

/**
 * A failure the API reports to the caller as an RFC 9457 problem: an HTTP status, a stable
 * upper-snake {@code code} and a detail that is safe to show (never an internal name).
 */
public abstract sealed class AppException extends RuntimeException
    permits ValidationException,
        UnauthorizedException,
        ForbiddenException,
        NotFoundException,
        ConflictException,
        PayloadTooLargeException,
        UnsupportedMediaTypeException,
        UnavailableException {

  private final int status;
  private final ErrorCode code;

  protected AppException(int status, ErrorCode code, String detail) {
    super(detail, null, false, false); // expected outcomes: no stack trace to fill or leak
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  /** The code as it goes on the wire. */
  public String code() {
    return code.name();
  }

  public ErrorCode errorCode() {
    return code;
  }

  public String detail() {
    return getMessage();
  }
}
