package org.labvault.shared.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void write_shouldSortKeysAndLeaveNoWhitespace_whenGivenAnyOrder() {
    // given
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("seq", 7L);
    fields.put("actor", "user-1");
    fields.put("chain", 3);
    fields.put("role", null);
    // when
    String json = CanonicalJson.write(fields);
    // then
    assertThat(json).isEqualTo("{\"actor\":\"user-1\",\"chain\":3,\"role\":null,\"seq\":7}");
  }

  @Test
  void write_shouldSortKeysByUtf16CodeUnits_asTheRfcExampleDoes() {
    // given: the property names of RFC 8785's sorting example
    Map<String, Object> fields = new HashMap<>();
    fields.put("\u20ac", "Euro Sign");
    fields.put("\r", "Carriage Return");
    fields.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
    fields.put("1", "One");
    fields.put("\ud83d\ude00", "Emoji: Grinning Face");
    fields.put("\u0080", "Control");
    fields.put("\u00f6", "Latin Small Letter O With Diaeresis");
    // when
    String json = CanonicalJson.write(fields);
    // then: U+1F600 (as D83D DE00) sorts before U+FB33, unlike code point order
    assertThat(json).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void write_shouldEscapeOnlyWhatJcsEscapes_whenStringsHoldControlsQuotesAndUnicode() {
    // when
    String json = CanonicalJson.write(Map.of("k", "a\"b\\c\b\t\n\f\r\u0001\u001f\u007f/\u00e9\u20ac"));
    // then: short escapes, lowercase backslash-u escapes for other controls, DEL, slash and non-ASCII as they are
    assertThat(json).isEqualTo("{\"k\":\"a\\\"b\\\\c\\b\\t\\n\\f\\r\\u0001\\u001f\u007f/\u00e9\u20ac\"}");
  }

  @Test
  void bytes_shouldBeUtf8_whenStringsAreNotAscii() {
    // when
    byte[] bytes = CanonicalJson.bytes(Map.of("k", "\u00e9"));
    // then
    assertThat(bytes).isEqualTo("{\"k\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8)).hasSize(10);
  }

  @Test
  void write_shouldEscapeLoneSurrogates_soThatAnyTextCanBeChained() {
    // when
    String json = CanonicalJson.write(Map.of("k", "x\ud800y\udc00"));
    // then
    assertThat(json).isEqualTo("{\"k\":\"x\\ud800y\\udc00\"}");
    // a high surrogate as the last character has no partner either
    assertThat(CanonicalJson.write(Map.of("k", "x\ud800"))).isEqualTo("{\"k\":\"x\\ud800\"}");
    assertThat(CanonicalJson.write(Map.of("k", "\udc00"))).isEqualTo("{\"k\":\"\\udc00\"}");
  }

  @Test
  void write_shouldNestObjectsCanonically() {
    // when
    String json = CanonicalJson.write(Map.of("b", Map.of("z", 1, "a", -2L), "a", true));
    // then
    assertThat(json).isEqualTo("{\"a\":true,\"b\":{\"a\":-2,\"z\":1}}");
  }

  @Test
  void write_shouldKeepArrayOrderAndSortKeysInsideElements_whenGivenAList() {
    var heads = List.of(Map.of("seq", 2L, "chain", 1), Map.of("seq", 0L, "chain", 0));
    assertThat(CanonicalJson.write(Map.of("heads", heads, "at", "t")))
        .isEqualTo("{\"at\":\"t\",\"heads\":[{\"chain\":1,\"seq\":2},{\"chain\":0,\"seq\":0}]}");
    assertThat(CanonicalJson.write(Map.of("empty", List.of()))).isEqualTo("{\"empty\":[]}");
  }
}
