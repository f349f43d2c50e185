package org.labvault.dynamodb.value;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Item size as DynamoDB counts it: attribute names in UTF-8 bytes plus each value's size; numbers
 * take about one byte per two significant digits plus one; lists and maps add 3 bytes plus one
 * per element; BOOL and NULL take one byte.
 */
public final class ItemSize {

  public static final int MAX_ITEM_BYTES = 400 * 1024;

  private ItemSize() {}

  public static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8(e.getKey()) + of(e.getValue());
    }
    return size;
  }

  public static long of(AttributeValue value) {
    return switch (value) {
      case AttributeValue.S s -> utf8(s.value());
      case AttributeValue.N n -> number(n.value());
      case AttributeValue.B b -> b.value().length();
      case AttributeValue.Bool ignored -> 1;
      case AttributeValue.Null ignored -> 1;
      case AttributeValue.L l -> {
        long size = 3;
        for (AttributeValue v : l.values()) {
          size += 1 + of(v);
        }
        yield size;
      }
      case AttributeValue.M m -> {
        long size = 3;
        for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
          size += 1 + utf8(e.getKey()) + of(e.getValue());
        }
        yield size;
      }
      case AttributeValue.SS ss -> ss.values().stream().mapToLong(ItemSize::utf8).sum();
      case AttributeValue.NS ns -> ns.values().stream().mapToLong(ItemSize::number).sum();
      case AttributeValue.BS bs -> bs.values().stream().mapToLong(Bytes::length).sum();
    };
  }

  static long number(BigDecimal n) {
    if (n.signum() == 0) {
      return 1;
    }
    BigDecimal v = n.stripTrailingZeros();
    int digits = v.precision();
    // digits are stored in pairs, aligned on the decimal point
    int scale = v.scale();
    if ((scale & 1) != 0) {
      digits++;
    }
    if (((digits + 0) & 1) != 0) {
      digits++;
    }
    return digits / 2 + 1 + (n.signum() < 0 ? 1 : 0);
  }

  public static long utf8(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
