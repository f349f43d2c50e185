package org.labvault.shared.instrument.domain;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** A tiny DER writer for tests: builds requests the production reader must accept or refuse. */
final class Asn1 {

  private Asn1() {}

  static byte[] tlv(int tag, byte[]... contents) {
    var content = concat(contents);
    var out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... contents) {
    return tlv(0x30, contents);
  }

  static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  static byte[] nullValue() {
    return tlv(0x05);
  }

  static byte[] bitString(byte[] bits) {
    return tlv(0x03, new byte[] {0}, bits);
  }

  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    var out = new ByteArrayOutputStream();
    writeArc(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      writeArc(out, Long.parseLong(arcs[i]));
    }
    return tlv(0x06, out.toByteArray());
  }

  /** A Name with one common name, e.g. {@code CN=instr-1}. */
  static byte[] commonName(String cn) {
    return sequence(tlv(0x31, sequence(oid("2.5.4.3"), tlv(0x0C, cn.getBytes()))));
  }

  static byte[] concat(byte[]... parts) {
    var out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] bytes(int... values) {
    var out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static void writeArc(ByteArrayOutputStream out, long arc) {
    int groups = 1;
    while ((arc >>> (7 * groups)) != 0) {
      groups++;
    }
    for (int g = groups - 1; g >= 0; g--) {
      int b = (int) ((arc >>> (7 * g)) & 0x7F);
      out.write(g == 0 ? b : b | 0x80);
    }
  }
}
