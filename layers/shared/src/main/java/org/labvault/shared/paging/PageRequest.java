package org.labvault.shared.paging;

import org.labvault.shared.error.ValidationException;

/**
 * The paging parameters of a list request: {@code limit} 1..100 (default 50) and an opaque
 * {@code nextToken} from the previous page. The repository that decodes the token checks that it
 * belongs to the list being read.
 */
public record PageRequest(int limit, String nextToken) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;
  private static final int MAX_TOKEN_LENGTH = 2048;

  public static PageRequest of(String limit, String nextToken) {
    return new PageRequest(parseLimit(limit), parseToken(nextToken));
  }

  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  private static int parseLimit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ValidationException.field("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static String parseToken(String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.isBlank() || raw.length() > MAX_TOKEN_LENGTH) {
      throw ValidationException.field("nextToken", "is not a token this list issued");
    }
    return raw;
  }
}
