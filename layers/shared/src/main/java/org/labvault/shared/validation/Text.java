package org.labvault.shared.validation;

import java.util.regex.Pattern;
import org.labvault.shared.error.ValidationException;

/** Checks for free text from clients: length, and no control characters (line breaks only where allowed). */
public final class Text {

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final Pattern CONTROL_BUT_LINE_BREAKS = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");
  private static final Pattern IDENTIFIER = Pattern.compile("[^\\s\\p{Cntrl}]+");

  private Text() {}

  /** A required single-line text of {@code min..max} characters, stripped. */
  public static String line(String field, String value, int min, int max) {
    return check(field, value, min, max, CONTROL);
  }

  /** A text that may span lines, of {@code min..max} characters, stripped. */
  public static String multiline(String field, String value, int min, int max) {
    return check(field, value, min, max, CONTROL_BUT_LINE_BREAKS);
  }

  /** An identifier chosen elsewhere (a user id): 1..max characters, no spaces or control characters. */
  public static String identifier(String field, String value, int max) {
    if (value == null || value.isEmpty()) {
      throw ValidationException.field(field, "is required");
    }
    if (value.length() > max || !IDENTIFIER.matcher(value).matches()) {
      throw ValidationException.field(field, "must be 1 to " + max + " characters without spaces");
    }
    return value;
  }

  private static String check(String field, String value, int min, int max, Pattern forbidden) {
    if (value == null || (min > 0 && value.isBlank())) {
      throw ValidationException.field(field, "is required");
    }
    String stripped = value.strip();
    if (stripped.length() < min || stripped.length() > max) {
      throw ValidationException.field(field, "must be " + min + " to " + max + " characters");
    }
    if (forbidden.matcher(stripped).find()) {
      throw ValidationException.field(field, "must not contain control characters");
    }
    return stripped;
  }
}
