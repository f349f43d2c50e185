package org.labvault.shared.validation;

import java.util.regex.Pattern;
import org.labvault.shared.error.ValidationException;

/**
 * Media types as RFC 9110 (section 8.3.1) writes them, in ASCII only: {@code type/subtype}, each a
 * token, then parameters {@code ;name=token} or {@code ;name="quoted string"}, with optional spaces
 * around the {@code ;}. Anything else could not be sent back as a Content-Type header exactly as
 * it was signed into an upload URL.
 */
public final class MediaTypes {

  /** Longer ones are refused. */
  public static final int MAX_LENGTH = 255;

  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  /** qdtext and quoted-pair, without HTAB and obs-text (non-ASCII). */
  private static final String QUOTED = "\"(?:[ \\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[ \\x21-\\x7E])*\"";
  private static final Pattern MEDIA_TYPE = Pattern.compile(
      TOKEN + "/" + TOKEN + "(?: *; *(?:" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + "))?)*");

  private MediaTypes() {}

  /** {@code value}, unchanged, when it is a media type; else a 400 naming {@code field}. */
  public static String check(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw ValidationException.field(field, "is required");
    }
    if (value.length() > MAX_LENGTH || !MEDIA_TYPE.matcher(value).matches()) {
      throw ValidationException.field(field, "must be a media type like text/csv or text/plain; charset=utf-8"
          + " (RFC 9110, ASCII only, at most " + MAX_LENGTH + " characters)");
    }
    return value;
  }
}
