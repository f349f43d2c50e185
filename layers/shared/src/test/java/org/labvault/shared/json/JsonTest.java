package org.labvault.shared.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.error.ValidationException;

class JsonTest {

  record Item(String name, Integer count, List<String> tags) {}

  private final Json json = Json.instance();

  private static String codeOf(Runnable r) {
    try {
      r.run();
    } catch (ValidationException e) {
      return e.code() + " " + e.detail();
    }
    throw new AssertionError("no ValidationException");
  }

  @Test
  void read_shouldReadAValidBody() {
    assertThat(json.read("{\"name\":\"a\",\"count\":2,\"tags\":[\"x\"]}", Item.class))
        .isEqualTo(new Item("a", 2, List.of("x")));
  }

  @Test
  void read_shouldNameAnUnknownField() {
    assertThat(codeOf(() -> json.read("{\"name\":\"a\",\"admin\":true}", Item.class)))
        .isEqualTo("VALIDATION admin: unknown field");
  }

  @Test
  void read_shouldNameAFieldOfTheWrongType() {
    assertThat(codeOf(() -> json.read("{\"count\":\"5\"}", Item.class))).startsWith("VALIDATION count:");
    assertThat(codeOf(() -> json.read("{\"name\":5}", Item.class))).startsWith("VALIDATION name:");
    assertThat(codeOf(() -> json.read("{\"count\":1.5}", Item.class))).startsWith("VALIDATION count:");
    assertThat(codeOf(() -> json.read("{\"tags\":[1]}", Item.class))).startsWith("VALIDATION tags[0]:");
  }

  @Test
  void read_shouldRefuseSomethingOtherThanAnObject() {
    assertThat(codeOf(() -> json.read("[1,2]", Item.class))).startsWith("VALIDATION body:");
  }

  @Test
  void read_shouldReportMalformedJson() {
    assertThat(codeOf(() -> json.read("{\"name\":", Item.class))).startsWith("VALIDATION body: is not valid JSON");
    assertThat(codeOf(() -> json.read("{\"name\": \"unterminated", Item.class))).startsWith("VALIDATION body: is not valid JSON");
    assertThat(codeOf(() -> json.read("{\"tags\": [\"a\", ", Item.class))).startsWith("VALIDATION body: is not valid JSON");
    assertThat(codeOf(() -> json.read("{\"name\":\"a\"} trailing", Item.class))).startsWith("VALIDATION body: is not valid JSON");
    assertThat(codeOf(() -> json.read("{\"name\":\"a\",\"name\":\"b\"}", Item.class))).startsWith("VALIDATION body: is not valid JSON");
  }

  @Test
  void write_shouldWriteInstantsAsRfc3339() {
    assertThat(json.write(Map.of("at", Instant.parse("2026-11-23T08:00:00Z")))).isEqualTo("{\"at\":\"2026-11-23T08:00:00Z\"}");
  }

  @Test
  void read_shouldNotLeakParserDetails() {
    assertThatThrownBy(() -> json.read("{\"name\":\"a\" \"x\"}", Item.class))
        .hasMessage("body: is not valid JSON");
  }

  @Test
  void readObject_shouldRefuseALoneSurrogate_namingTheField() {
    assertThat(codeOf(() -> json.readObject("{\"name\":\"ab\\ud800c\"}", Item.class)))
        .isEqualTo("VALIDATION name: must be well-formed Unicode (no lone surrogate)");
    assertThat(codeOf(() -> json.readObject("{\"name\":\"\\udc00\"}", Item.class)))
        .isEqualTo("VALIDATION name: must be well-formed Unicode (no lone surrogate)");
    assertThat(codeOf(() -> json.readObject("{\"name\":\"a\",\"tags\":[\"x\",\"\\ud83d\"]}", Item.class)))
        .isEqualTo("VALIDATION tags[1]: must be well-formed Unicode (no lone surrogate)");
    // in a field name: refused too (the parser itself already does)
    assertThat(codeOf(() -> json.readObject("{\"na\\ud800me\":\"a\"}", Item.class)))
        .matches("VALIDATION .*");
  }

  @Test
  void readObject_shouldKeepPairedSurrogatesAndOtherText() {
    assertThat(json.readObject("{\"name\":\"\\ud83d\\ude00 \u00e9\\u00e9\"}", Item.class).name())
        .isEqualTo("\ud83d\ude00 \u00e9\u00e9");
  }
}
