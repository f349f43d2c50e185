package org.labvault.dynamodb.value;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's value model: one immutable type per data type. Numbers are exact decimals, kept
 * normalised (no trailing zeros) so equal numbers are equal values; sets keep their insertion order.
 */
public sealed interface AttributeValue {

  /** The type descriptor as the wire names it: S, N, B, BOOL, NULL, L, M, SS, NS, BS. */
  String type();

  record S(String value) implements AttributeValue {
    public String type() {
      return "S";
    }
  }

  record N(BigDecimal value) implements AttributeValue {
    public N {
      value = Numbers.normalise(value);
    }

    public String type() {
      return "N";
    }

    /** The text DynamoDB answers with: plain notation, no trailing zeros. */
    public String text() {
      return Numbers.text(value);
    }
  }

  record B(Bytes value) implements AttributeValue {
    public String type() {
      return "B";
    }
  }

  record Bool(boolean value) implements AttributeValue {
    public String type() {
      return "BOOL";
    }
  }

  record Null() implements AttributeValue {
    public String type() {
      return "NULL";
    }
  }

  record L(List<AttributeValue> values) implements AttributeValue {
    public L {
      values = List.copyOf(values);
    }

    public String type() {
      return "L";
    }
  }

  record M(Map<String, AttributeValue> values) implements AttributeValue {
    public M {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String type() {
      return "M";
    }
  }

  record SS(Set<String> values) implements AttributeValue {
    public SS {
      values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    public String type() {
      return "SS";
    }
  }

  record NS(Set<BigDecimal> values) implements AttributeValue {
    public NS {
      LinkedHashSet<BigDecimal> normalised = new LinkedHashSet<>();
      for (BigDecimal v : values) {
        normalised.add(Numbers.normalise(v));
      }
      values = Collections.unmodifiableSet(normalised);
    }

    public String type() {
      return "NS";
    }
  }

  record BS(Set<Bytes> values) implements AttributeValue {
    public BS {
      values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    public String type() {
      return "BS";
    }
  }

  static S s(String value) {
    return new S(value);
  }

  static N n(String value) {
    return new N(new BigDecimal(value));
  }

  static N n(long value) {
    return new N(BigDecimal.valueOf(value));
  }

  static B b(byte[] value) {
    return new B(Bytes.copyOf(value));
  }

  static B b(String utf8) {
    return new B(Bytes.wrap(utf8.getBytes(StandardCharsets.UTF_8)));
  }

  Null NULL = new Null();
  Bool TRUE = new Bool(true);
  Bool FALSE = new Bool(false);

  /** True for the three scalar types a key or an index key may have. */
  default boolean isKeyType() {
    return this instanceof S || this instanceof N || this instanceof B;
  }

  /** True for SS, NS and BS. */
  default boolean isSet() {
    return this instanceof SS || this instanceof NS || this instanceof BS;
  }
}
