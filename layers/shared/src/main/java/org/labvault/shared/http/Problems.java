package org.labvault.shared.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.labvault.shared.error.AppException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.UnavailableException;

/** RFC 9457 problem documents, the one error format of the API. */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static Map<String, Object> of(AppException e) {
    Map<String, Object> problem = of(e.status(), e.errorCode(), e.detail());
    if (e instanceof UnavailableException u) {
      problem.put("dependencies", u.dependencies());
    }
    return problem;
  }

  /** A problem document: {@code type}, {@code title}, {@code status}, {@code code}, {@code detail}. */
  public static Map<String, Object> of(int status, ErrorCode code, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "urn:labvault:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    problem.put("title", title(status));
    problem.put("status", status);
    problem.put("code", code.name());
    problem.put("detail", detail);
    return problem;
  }

  public static Map<String, Object> internal() {
    return of(500, ErrorCode.INTERNAL, "the request could not be completed; it is logged under its request id");
  }

  /** The standard reason phrase of an error status, used as a problem's title. */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
