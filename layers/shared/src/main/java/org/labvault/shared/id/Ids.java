package org.labvault.shared.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Server-chosen identifiers: UUID version 7 (RFC 9562), time-ordered so that ids sort by creation,
 * with 74 random bits so they cannot be guessed.
 */
public final class Ids {

  /**
   * The longest id a path or a token may carry (user ids, group ids ...). Keys built from it stay far
   * below DynamoDB's key limits (1,024 bytes for a sort key), so an overlong id is refused here, as
   * a 400, before any read.
   */
  public static final int MAX_LENGTH = 256;

  private static volatile SecureRandom random = new SecureRandom();

  private Ids() {}

  /** The random source of ids and every other unguessable value. */
  public static SecureRandom random() {
    return random;
  }

  /** A new random source: every copy restored from one snapshot would otherwise share its state. */
  public static void reseed() {
    random = new SecureRandom();
  }

  public static String newId(Clock clock) {
    long millis = clock.millis();
    SecureRandom r = random;
    long randA = r.nextLong();
    long randB = r.nextLong();
    long msb = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
    long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** True for the shape {@link #newId} produces; anything else cannot name a stored item. */
  public static boolean looksValid(String id) {
    if (id == null || id.length() != 36) {
      return false;
    }
    try {
      return UUID.fromString(id).toString().equals(id);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
