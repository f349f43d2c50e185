package org.labvault.shared.http;

/**
 * What a route answers: a status and a body that is written as JSON (none for 204).
 *
 * @param status the HTTP status
 * @param body a value Jackson can write, or null
 */
public record ApiResponse(int status, Object body) {

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body);
  }

  public static ApiResponse accepted(Object body) {
    return new ApiResponse(202, body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }
}
