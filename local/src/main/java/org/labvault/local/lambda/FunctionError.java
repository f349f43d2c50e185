package org.labvault.local.lambda;

/**
 * An invocation failed the way Lambda reports it: the function threw, timed out or could not be
 * initialised. {@link #payload()} is the error document Lambda would return.
 */
public final class FunctionError extends Exception {
  private final String errorType;

  public FunctionError(String errorType, String message, Throwable cause) {
    super(message, cause);
    this.errorType = errorType;
  }

  public String errorType() {
    return errorType;
  }

  /** {@code {"errorMessage": ..., "errorType": ...}} as Lambda's Invoke API answers. */
  public String payload() {
    return "{\"errorMessage\":" + quote(getMessage()) + ",\"errorType\":" + quote(errorType) + "}";
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
