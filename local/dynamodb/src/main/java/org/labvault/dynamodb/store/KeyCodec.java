package org.labvault.dynamodb.store;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.labvault.dynamodb.value.AttributeValue;

/**
 * Key values as byte strings whose unsigned order is DynamoDB's order: strings by UTF-8 bytes,
 * binaries by bytes, numbers by value. Each encoded value is self-delimiting, so a composite key
 * (partition value, then sort value) sorts by partition first and a partition is a byte prefix.
 */
public final class KeyCodec {

  private static final int ZERO = 0x80;
  private static final int POSITIVE = 0xC0;
  private static final int NEGATIVE = 0x40;
  private static final int TEXT = 0x20;

  private KeyCodec() {}

  public static byte[] encode(AttributeValue first, AttributeValue second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32);
    append(out, first);
    if (second != null) {
      append(out, second);
    }
    return out.toByteArray();
  }

  /** Appends the encoding of more values to an existing key (index keys end with the table key). */
  public static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static void append(ByteArrayOutputStream out, AttributeValue v) {
    switch (v) {
      case AttributeValue.S s -> escaped(out, s.value().getBytes(StandardCharsets.UTF_8));
      case AttributeValue.B b -> escaped(out, b.value().toArray());
      case AttributeValue.N n -> number(out, n.value());
      default -> throw new IllegalArgumentException("not a key type: " + v.type());
    }
  }

  private static void escaped(ByteArrayOutputStream out, byte[] bytes) {
    out.write(TEXT);
    for (byte b : bytes) {
      out.write(b);
      if (b == 0) {
        out.write(0xFF);
      }
    }
    out.write(0);
    out.write(1);
  }

  private static void number(ByteArrayOutputStream out, BigDecimal value) {
    if (value.signum() == 0) {
      out.write(ZERO);
      return;
    }
    BigDecimal v = value.stripTrailingZeros();
    int exponent = v.precision() - v.scale() - 1 + 0x8000;
    byte[] digits = v.unscaledValue().abs().toString().getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[digits.length + 3];
    body[0] = (byte) (exponent >>> 8);
    body[1] = (byte) exponent;
    System.arraycopy(digits, 0, body, 2, digits.length);
    body[body.length - 1] = 0;
    if (v.signum() > 0) {
      out.write(POSITIVE);
    } else {
      out.write(NEGATIVE);
      for (int i = 0; i < body.length; i++) {
        body[i] = (byte) ~body[i];
      }
    }
    out.write(body, 0, body.length);
  }

  /** True when {@code key} starts with {@code prefix}. */
  public static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
