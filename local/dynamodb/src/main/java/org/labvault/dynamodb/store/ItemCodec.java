package org.labvault.dynamodb.store;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.Bytes;

/** A compact binary form of items for the store: a tag byte per value, lengths as varints. */
final class ItemCodec {

  private ItemCodec() {}

  static byte[] encode(Map<String, AttributeValue> item) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    writeMap(out, item);
    return out.toByteArray();
  }

  static Map<String, AttributeValue> decode(ByteBuffer in) {
    return readMap(in);
  }

  private static void writeMap(ByteArrayOutputStream out, Map<String, AttributeValue> map) {
    varint(out, map.size());
    for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
      string(out, e.getKey());
      value(out, e.getValue());
    }
  }

  private static void value(ByteArrayOutputStream out, AttributeValue v) {
    switch (v) {
      case AttributeValue.S s -> { out.write('S'); string(out, s.value()); }
      case AttributeValue.N n -> { out.write('N'); string(out, n.value().toString()); }
      case AttributeValue.B b -> { out.write('B'); bytes(out, b.value().toArray()); }
      case AttributeValue.Bool b -> out.write(b.value() ? 'T' : 'F');
      case AttributeValue.Null ignored -> out.write('0');
      case AttributeValue.L l -> {
        out.write('L');
        varint(out, l.values().size());
        l.values().forEach(x -> value(out, x));
      }
      case AttributeValue.M m -> { out.write('M'); writeMap(out, m.values()); }
      case AttributeValue.SS ss -> {
        out.write('s');
        varint(out, ss.values().size());
        ss.values().forEach(x -> string(out, x));
      }
      case AttributeValue.NS ns -> {
        out.write('n');
        varint(out, ns.values().size());
        ns.values().forEach(x -> string(out, x.toString()));
      }
      case AttributeValue.BS bs -> {
        out.write('b');
        varint(out, bs.values().size());
        bs.values().forEach(x -> bytes(out, x.toArray()));
      }
    }
  }

  private static Map<String, AttributeValue> readMap(ByteBuffer in) {
    int n = readVarint(in);
    Map<String, AttributeValue> map = new LinkedHashMap<>(Math.max(4, n * 2));
    for (int i = 0; i < n; i++) {
      String key = readString(in);
      map.put(key, readValue(in));
    }
    return map;
  }

  private static AttributeValue readValue(ByteBuffer in) {
    byte tag = in.get();
    switch (tag) {
      case 'S': return new AttributeValue.S(readString(in));
      case 'N': return new AttributeValue.N(new BigDecimal(readString(in)));
      case 'B': return new AttributeValue.B(Bytes.copyOf(readBytes(in)));
      case 'T': return AttributeValue.TRUE;
      case 'F': return AttributeValue.FALSE;
      case '0': return AttributeValue.NULL;
      case 'L': {
        int n = readVarint(in);
        List<AttributeValue> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          values.add(readValue(in));
        }
        return new AttributeValue.L(values);
      }
      case 'M': return new AttributeValue.M(readMap(in));
      case 's': {
        int n = readVarint(in);
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
          values.add(readString(in));
        }
        return new AttributeValue.SS(values);
      }
      case 'n': {
        int n = readVarint(in);
        Set<BigDecimal> values = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
          values.add(new BigDecimal(readString(in)));
        }
        return new AttributeValue.NS(values);
      }
      case 'b': {
        int n = readVarint(in);
        Set<Bytes> values = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
          values.add(Bytes.copyOf(readBytes(in)));
        }
        return new AttributeValue.BS(values);
      }
      default: throw new IllegalStateException("corrupt item: tag " + tag);
    }
  }

  private static void string(ByteArrayOutputStream out, String s) {
    bytes(out, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void bytes(ByteArrayOutputStream out, byte[] b) {
    varint(out, b.length);
    out.write(b, 0, b.length);
  }

  private static String readString(ByteBuffer in) {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(ByteBuffer in) {
    byte[] b = new byte[readVarint(in)];
    in.get(b);
    return b;
  }

  private static void varint(ByteArrayOutputStream out, int v) {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static int readVarint(ByteBuffer in) {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.get() & 0xFF;
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
  }
}
