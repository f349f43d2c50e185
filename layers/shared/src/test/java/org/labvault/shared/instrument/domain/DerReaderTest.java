package org.labvault.shared.instrument.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labvault.shared.instrument.domain.Asn1.bytes;
import static org.labvault.shared.instrument.domain.Asn1.concat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labvault.shared.instrument.domain.DerReader.DerException;

class DerReaderTest {

  @Test
  void next_shouldReadTagAndShortLength() {
    // given
    var reader = DerReader.of(bytes(0x04, 0x02, 0xAA, 0xBB));
    // when
    var element = reader.next();
    // then
    assertThat(element.tag()).isEqualTo(0x04);
    assertThat(element.contentLength()).isEqualTo(2);
    assertThat(reader.content(element)).containsExactly(0xAA, 0xBB);
    assertThat(reader.hasMore()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0x7F, 0x80, 0xFF, 0x100, 0x1234, 0x10000})
  void next_shouldReadShortAndLongFormLengths(int length) {
    // given
    var der = Asn1.tlv(0x04, new byte[length]);
    // when
    var reader = DerReader.of(der);
    var element = reader.next();
    // then
    assertThat(element.contentLength()).isEqualTo(length);
    assertThat(element.end()).isEqualTo(der.length);
    reader.expectEnd();
  }

  @Test
  void next_shouldRefuseIndefiniteLength() {
    var reader = DerReader.of(bytes(0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00));
    assertThatThrownBy(reader::next).isInstanceOf(DerException.class).hasMessageContaining("indefinite");
  }

  @Test
  void next_shouldRefuseNonMinimalLongForm() {
    assertThatThrownBy(() -> DerReader.of(concat(bytes(0x04, 0x81, 0x05), new byte[5])).next())
        .isInstanceOf(DerException.class).hasMessageContaining("not minimally encoded");
    assertThatThrownBy(() -> DerReader.of(concat(bytes(0x04, 0x82, 0x00, 0x80), new byte[0x80])).next())
        .isInstanceOf(DerException.class).hasMessageContaining("not minimally encoded");
  }

  @Test
  void next_shouldRefuseLengthsOfMoreThanFourBytes() {
    assertThatThrownBy(() -> DerReader.of(bytes(0x04, 0x85, 1, 0, 0, 0, 0)).next())
        .isInstanceOf(DerException.class).hasMessageContaining("too large");
  }

  @Test
  void next_shouldRefuseTruncatedInput() {
    assertThatThrownBy(() -> DerReader.of(bytes(0x04, 0x05, 1, 2, 3)).next())
        .isInstanceOf(DerException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> DerReader.of(bytes(0x04)).next())
        .isInstanceOf(DerException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> DerReader.of(bytes(0x04, 0x82, 0x01)).next())
        .isInstanceOf(DerException.class).hasMessageContaining("truncated");
  }

  @Test
  void contents_shouldNotLetAChildReachPastItsParent() {
    // given: a 4-byte SEQUENCE whose child claims 5 bytes, followed by more data in the outer window
    var reader = DerReader.of(bytes(0x30, 0x04, 0x04, 0x05, 1, 2, 9, 9, 9));
    var sequence = reader.next();
    // when / then
    assertThatThrownBy(() -> reader.contents(sequence).next())
        .isInstanceOf(DerException.class).hasMessageContaining("truncated");
  }

  @Test
  void expectEnd_shouldRefuseTrailingBytes() {
    var reader = DerReader.of(bytes(0x05, 0x00, 0x00));
    reader.next();
    assertThatThrownBy(reader::expectEnd).isInstanceOf(DerException.class).hasMessageContaining("trailing");
  }

  @Test
  void next_shouldRefuseHighTagNumbers() {
    assertThatThrownBy(() -> DerReader.of(bytes(0x1F, 0x81, 0x00, 0x00)).next())
        .isInstanceOf(DerException.class).hasMessageContaining("high tag");
  }

  @Test
  void nestedSequences_shouldBeWalkedByTag() {
    // given
    var der = Asn1.sequence(Asn1.integer(5), Asn1.sequence(Asn1.oid("2.5.4.3")), Asn1.tlv(0xA0));
    var reader = DerReader.of(der);
    // when
    var outer = reader.contents(reader.next(DerReader.SEQUENCE, "outer"));
    var number = outer.integer(outer.next(DerReader.INTEGER, "number"));
    var inner = outer.contents(outer.next(DerReader.SEQUENCE, "inner"));
    var oid = inner.oid(inner.next(DerReader.OID, "oid"));
    var attributes = outer.next(DerReader.CONTEXT_0, "attributes");
    // then
    assertThat(number).isEqualTo(5);
    assertThat(oid).isEqualTo("2.5.4.3");
    assertThat(attributes.contentLength()).isZero();
    outer.expectEnd();
    assertThat(reader.nextIf(DerReader.SEQUENCE)).isNull();
  }

  @Test
  void next_shouldNameTheMissingOrMistypedElement() {
    var reader = DerReader.of(Asn1.integer(1));
    assertThatThrownBy(() -> reader.next(DerReader.SEQUENCE, "the request"))
        .isInstanceOf(DerException.class).hasMessage("the request has an unexpected type");
    assertThatThrownBy(() -> reader.next(DerReader.SEQUENCE, "the signature"))
        .isInstanceOf(DerException.class).hasMessage("missing the signature");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.840.113549.1.1.11", "1.2.840.10045.3.1.7", "1.3.132.0.34", "2.5.4.3", "0.9.2342", "2.999.1"})
  void oid_shouldDecodeDottedForm(String dotted) {
    var reader = DerReader.of(Asn1.oid(dotted));
    assertThat(reader.oid(reader.next())).isEqualTo(dotted);
  }

  @Test
  void oid_shouldMatchAKnownEncoding() {
    var reader = DerReader.of(bytes(0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B));
    assertThat(reader.oid(reader.next())).isEqualTo("1.2.840.113549.1.1.11");
  }

  @Test
  void oid_shouldRefuseNonMinimalTruncatedOrEmptyArcs() {
    assertThatThrownBy(() -> oidOf(bytes(0x06, 0x02, 0x80, 0x01))).hasMessageContaining("not minimally encoded");
    assertThatThrownBy(() -> oidOf(bytes(0x06, 0x02, 0x2A, 0x86))).hasMessageContaining("truncated");
    assertThatThrownBy(() -> oidOf(bytes(0x06, 0x00))).hasMessageContaining("invalid length");
  }

  @Test
  void bitString_shouldReturnWholeBytesAndRefuseUnusedBits() {
    var whole = DerReader.of(bytes(0x03, 0x03, 0x00, 0x12, 0x34));
    assertThat(whole.bitString(whole.next())).containsExactly(0x12, 0x34);
    var partial = DerReader.of(bytes(0x03, 0x02, 0x04, 0x10));
    assertThatThrownBy(() -> partial.bitString(partial.next())).hasMessageContaining("unused bits");
    var empty = DerReader.of(bytes(0x03, 0x00));
    assertThatThrownBy(() -> empty.bitString(empty.next())).hasMessageContaining("empty");
  }

  @Test
  void integer_shouldRequireMinimalEncoding() {
    var negative = DerReader.of(bytes(0x02, 0x01, 0xFF));
    assertThat(negative.integer(negative.next())).isEqualTo(BigInteger.ONE.negate());
    var padded = DerReader.of(bytes(0x02, 0x02, 0x00, 0x05));
    assertThatThrownBy(() -> padded.integer(padded.next())).hasMessageContaining("not minimally encoded");
    var needed = DerReader.of(bytes(0x02, 0x02, 0x00, 0x80));
    assertThat(needed.integer(needed.next())).isEqualTo(128);
  }

  @Test
  void of_shouldRefuseOversizedInput() {
    assertThatThrownBy(() -> DerReader.of(new byte[DerReader.MAX_LENGTH + 1])).hasMessageContaining("too large");
  }

  private static String oidOf(byte[] der) {
    var reader = DerReader.of(der);
    return reader.oid(reader.next());
  }
}
