package org.labvault.shared.instrument.domain;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A strict reader of DER (the distinguished ASN.1 encoding) over one window of a byte array: only
 * low tag numbers, definite minimal lengths of at most four bytes, and every element inside its
 * parent. Enough to walk a PKCS#10 request without a crypto library in the Lambda layer.
 */
final class DerReader {

  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  /** {@code [0]} constructed, context-specific: a request's attributes. */
  static final int CONTEXT_0 = 0xA0;

  /** Far above any request we accept; refuses a length that could only be an attack or garbage. */
  static final int MAX_LENGTH = 1 << 20;

  /** One element: its tag, and where its header and content sit in the underlying bytes. */
  record Element(int tag, int start, int contentStart, int end) {
    int contentLength() {
      return end - contentStart;
    }
  }

  /** The input is not DER as this reader accepts it; the message names the flaw, never the bytes. */
  static final class DerException extends RuntimeException {
    DerException(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] bytes;
  private final int end;
  private int position;

  private DerReader(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
  }

  static DerReader of(byte[] der) {
    if (der.length > MAX_LENGTH) {
      throw new DerException("input too large");
    }
    return new DerReader(der, 0, der.length);
  }

  /** A reader over the content of {@code element}, which this reader produced. */
  DerReader contents(Element element) {
    return new DerReader(bytes, element.contentStart(), element.end());
  }

  boolean hasMore() {
    return position < end;
  }

  /** Refuses anything left in this window, so no bytes can be smuggled after a structure. */
  void expectEnd() {
    if (position != end) {
      throw new DerException("trailing bytes after the end of a structure");
    }
  }

  /** The next element, whatever its tag. */
  Element next() {
    int start = position;
    int tag = readByte();
    if ((tag & 0x1F) == 0x1F) {
      throw new DerException("high tag numbers are not supported");
    }
    int length = readLength();
    if (length > end - position) {
      throw new DerException("truncated: an element is longer than the data around it");
    }
    var element = new Element(tag, start, position, position + length);
    position += length;
    return element;
  }

  /** The next element, which must carry {@code tag}. */
  Element next(int tag, String what) {
    if (!hasMore()) {
      throw new DerException("missing " + what);
    }
    var element = next();
    if (element.tag() != tag) {
      throw new DerException(what + " has an unexpected type");
    }
    return element;
  }

  /** The next element if it carries {@code tag}; otherwise nothing is consumed. */
  Element nextIf(int tag) {
    if (!hasMore() || (bytes[position] & 0xFF) != tag) {
      return null;
    }
    return next();
  }

  /** The whole encoding (header and content) of {@code element}, e.g. to verify a signature over it. */
  byte[] encoded(Element element) {
    return Arrays.copyOfRange(bytes, element.start(), element.end());
  }

  byte[] content(Element element) {
    return Arrays.copyOfRange(bytes, element.contentStart(), element.end());
  }

  /** An OBJECT IDENTIFIER in dotted form, e.g. {@code 1.2.840.10045.2.1}. */
  String oid(Element element) {
    requireTag(element, OID, "an object identifier");
    if (element.contentLength() == 0 || element.contentLength() > 64) {
      throw new DerException("an object identifier has an invalid length");
    }
    var dotted = new StringBuilder();
    long arc = 0;
    boolean first = true;
    boolean arcStarted = false;
    for (int i = element.contentStart(); i < element.end(); i++) {
      int b = bytes[i] & 0xFF;
      if (!arcStarted && b == 0x80) {
        throw new DerException("an object identifier is not minimally encoded");
      }
      if (arc > (Long.MAX_VALUE >>> 7)) {
        throw new DerException("an object identifier arc is too large");
      }
      arc = (arc << 7) | (b & 0x7F);
      arcStarted = (b & 0x80) != 0;
      if (!arcStarted) {
        if (first) {
          // The first encoded arc packs the first two: 40 * first + second.
          int top = arc < 80 ? (int) (arc / 40) : 2;
          dotted.append(top).append('.').append(arc - 40L * top);
          first = false;
        } else {
          dotted.append('.').append(arc);
        }
        arc = 0;
      }
    }
    if (arcStarted) {
      throw new DerException("truncated object identifier");
    }
    return dotted.toString();
  }

  /** A BIT STRING's bytes; keys and signatures are whole bytes, so unused bits are refused. */
  byte[] bitString(Element element) {
    requireTag(element, BIT_STRING, "a bit string");
    if (element.contentLength() < 1) {
      throw new DerException("a bit string is empty");
    }
    if (bytes[element.contentStart()] != 0) {
      throw new DerException("a bit string has unused bits");
    }
    return Arrays.copyOfRange(bytes, element.contentStart() + 1, element.end());
  }

  /** A small INTEGER in minimal two's-complement form. */
  BigInteger integer(Element element) {
    requireTag(element, INTEGER, "an integer");
    int length = element.contentLength();
    if (length == 0 || length > 32) {
      throw new DerException("an integer has an invalid length");
    }
    int first = bytes[element.contentStart()];
    if (length > 1) {
      int second = bytes[element.contentStart() + 1];
      if ((first == 0 && second >= 0) || (first == -1 && second < 0)) {
        throw new DerException("an integer is not minimally encoded");
      }
    }
    return new BigInteger(bytes, element.contentStart(), length);
  }

  private static void requireTag(Element element, int tag, String what) {
    if (element.tag() != tag) {
      throw new DerException("expected " + what);
    }
  }

  private int readByte() {
    if (position >= end) {
      throw new DerException("truncated: the data ends inside an element header");
    }
    return bytes[position++] & 0xFF;
  }

  private int readLength() {
    int first = readByte();
    if (first < 0x80) {
      return first;
    }
    if (first == 0x80) {
      throw new DerException("indefinite lengths are not allowed in DER");
    }
    int count = first & 0x7F;
    if (count > 4) {
      throw new DerException("a length is too large");
    }
    long length = 0;
    for (int i = 0; i < count; i++) {
      int b = readByte();
      if (i == 0 && b == 0) {
        throw new DerException("a length is not minimally encoded");
      }
      length = (length << 8) | b;
    }
    if (length < 0x80) {
      throw new DerException("a length is not minimally encoded");
    }
    if (length > MAX_LENGTH) {
      throw new DerException("a length is too large");
    }
    return (int) length;
  }
}
