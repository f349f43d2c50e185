package org.labvault.shared.error;

/**
 * Every {@code code} a problem document of the API can carry (CONTRACT.md section 1), in one place.
 * The wire string is the constant's name: renaming a constant changes the public API.
 */
public enum ErrorCode {
  // 400
  /** A field or parameter is invalid; the detail names it. */
  VALIDATION,
  /** The HTTP request itself is malformed (answered by the gateway). */
  MALFORMED_REQUEST,

  // 401, 403, 404
  UNAUTHORIZED,
  FORBIDDEN,
  NOT_FOUND,

  // 408 (answered by the gateway)
  REQUEST_TIMEOUT,

  // 409: state conflicts and invariants
  /** A group keeps at least one ADMIN. */
  LAST_ADMIN,
  /** A group that still holds assets is not deleted. */
  GROUP_NOT_EMPTY,
  ALREADY_MEMBER,
  ALREADY_INVITED,
  INVITATION_CLOSED,
  INVITATION_EXPIRED,
  /** Something with this id or name exists already. */
  ALREADY_EXISTS,
  /** Concurrent writes kept winning; the client may retry. */
  CONCURRENT_CHANGE,
  /** The asset is not AVAILABLE for what was asked. */
  NOT_AVAILABLE,
  UPLOAD_CLOSED,
  NOT_MULTIPART,
  /** The asset's classification forbids the change (SECRET assets are never linked out). */
  CLASSIFICATION,
  /** An instrument's upload request was answered before. */
  DUPLICATE_REQUEST,
  INSTRUMENT_REVOKED,
  /** Restore: only a DELETED asset is restored. */
  NOT_DELETED,
  BACKUP_EXPIRED,
  BACKUP_MISSING,
  GROUP_DELETED,

  // 413, 415, 431
  PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE,
  HEADERS_TOO_LARGE,

  // 429
  /** The route is over its throttle, for all callers together; {@code Retry-After} says when to try again. */
  TOO_MANY_REQUESTS,

  // 500, 503
  /** Nothing internal is told; the failure is logged under the request id. */
  INTERNAL,
  /** A dependency is down; the problem's {@code dependencies} says which. */
  DEPENDENCY_UNAVAILABLE,
  /** The local gateway holds as many connections as it accepts. */
  TOO_MANY_CONNECTIONS
}
