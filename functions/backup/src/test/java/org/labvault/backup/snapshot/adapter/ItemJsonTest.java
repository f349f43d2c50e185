package org.labvault.backup.snapshot.adapter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemJsonTest {

  static AttributeValue bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return AttributeValue.fromB(SdkBytes.fromByteArray(b));
  }

  static Map<String, AttributeValue> everyType() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS("x"));
    item.put("n", AttributeValue.fromN("1"));
    item.put("b", bytes(0, 1, 255));
    item.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("v"))));
    item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromN("2"), AttributeValue.fromS("two"))));
    item.put("ss", AttributeValue.fromSs(List.of("b", "a")));
    item.put("ns", AttributeValue.fromNs(List.of("3", "10")));
    item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("z"), SdkBytes.fromUtf8String("a"))));
    item.put("t", AttributeValue.fromBool(true));
    item.put("z", AttributeValue.fromNul(true));
    return item;
  }

  @Test
  void toLine_shouldWriteDynamoDbJsonCanonically_whenItemHoldsEveryType() {
    // when
    String line = ItemJson.toLine(everyType());

    // then
    assertThat(line).isEqualTo("{\"b\":{\"B\":\"AAH/\"},\"bs\":{\"BS\":[\"YQ==\",\"eg==\"]},\"l\":{\"L\":[{\"N\":\"2\"},{\"S\":\"two\"}]},"
        + "\"m\":{\"M\":{\"inner\":{\"S\":\"v\"}}},\"n\":{\"N\":\"1\"},\"ns\":{\"NS\":[\"10\",\"3\"]},\"pk\":{\"S\":\"x\"},"
        + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true}}");
  }

  @Test
  void fromLine_shouldGiveTheSameItemBack_whenItemHoldsEveryType() {
    // given
    Map<String, AttributeValue> item = everyType();

    // when
    Map<String, AttributeValue> back = ItemJson.fromLine(ItemJson.toLine(item));

    // then: equal as items (sets compared as sets) and as lines
    assertThat(back.keySet()).isEqualTo(item.keySet());
    assertThat(back.get("b").b().asByteArray()).containsExactly(0, 1, 255);
    assertThat(back.get("ss").ss()).containsExactlyInAnyOrder("a", "b");
    assertThat(back.get("bs").bs()).containsExactlyInAnyOrder(SdkBytes.fromUtf8String("z"), SdkBytes.fromUtf8String("a"));
    assertThat(back.get("l")).isEqualTo(item.get("l"));
    assertThat(back.get("m")).isEqualTo(item.get("m"));
    assertThat(back.get("t").bool()).isTrue();
    assertThat(back.get("z").nul()).isTrue();
    assertThat(ItemJson.toLine(back)).isEqualTo(ItemJson.toLine(item));
  }

  @Test
  void toLine_shouldGiveTheSameBytes_whenAttributesAndMembersComeInAnotherOrder() {
    // given
    Map<String, AttributeValue> one = new LinkedHashMap<>();
    one.put("a", AttributeValue.fromS("1"));
    one.put("m", AttributeValue.fromM(new LinkedHashMap<>(Map.of("y", AttributeValue.fromN("1")))));
    one.put("ss", AttributeValue.fromSs(List.of("p", "q", "r")));
    Map<String, AttributeValue> other = new LinkedHashMap<>();
    other.put("ss", AttributeValue.fromSs(List.of("r", "p", "q")));
    Map<String, AttributeValue> inner = new LinkedHashMap<>();
    inner.put("y", AttributeValue.fromN("1"));
    other.put("m", AttributeValue.fromM(inner));
    other.put("a", AttributeValue.fromS("1"));

    // when / then
    assertThat(ItemJson.toLine(other)).isEqualTo(ItemJson.toLine(one));
  }

  @Test
  void toLine_shouldSortNamesAtEveryLevel_whenMapsAreNestedInListsAndMaps() {
    // given
    Map<String, AttributeValue> deep = new LinkedHashMap<>();
    deep.put("z", AttributeValue.fromS("last"));
    deep.put("a", AttributeValue.fromL(List.of(AttributeValue.fromM(orderedMap("y", "x")))));
    Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("p"), "outer", AttributeValue.fromM(deep));

    // when
    String line = ItemJson.toLine(item);

    // then
    assertThat(line).isEqualTo("{\"outer\":{\"M\":{\"a\":{\"L\":[{\"M\":{\"x\":{\"S\":\"x\"},\"y\":{\"S\":\"y\"}}}]},"
        + "\"z\":{\"S\":\"last\"}}},\"pk\":{\"S\":\"p\"}}");
    assertThat(ItemJson.toLine(ItemJson.fromLine(line))).isEqualTo(line);
  }

  private static Map<String, AttributeValue> orderedMap(String... names) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    for (String name : names) {
      map.put(name, AttributeValue.fromS(name));
    }
    return map;
  }

  @Test
  void toLine_shouldWriteUnicodeAsUtf8Text_whenStringsAndNamesAreNotAscii() {
    // given
    Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("Größe µg 試料 🧪"), "név", AttributeValue.fromS("\"quoted\"\n"));

    // when
    String line = ItemJson.toLine(item);

    // then
    assertThat(line).isEqualTo("{\"név\":{\"S\":\"\\\"quoted\\\"\\n\"},\"pk\":{\"S\":\"Größe µg 試料 🧪\"}}");
    assertThat(line.getBytes(UTF_8)).contains("試料".getBytes(UTF_8));
    assertThat(line).doesNotContain("\n");
    assertThat(ItemJson.fromLine(line)).isEqualTo(item);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.50", "-0", "1E+2", "0.000000000000000000000000000000000000001", "12345678901234567890123456789012345678"})
  void toLine_shouldKeepNumbersAsText_whenTheyHaveManyDigitsOrExponents(String number) {
    // given
    Map<String, AttributeValue> item = Map.of("n", AttributeValue.fromN(number), "ns", AttributeValue.fromNs(List.of(number)));

    // when
    String line = ItemJson.toLine(item);

    // then
    assertThat(line).isEqualTo("{\"n\":{\"N\":\"" + number + "\"},\"ns\":{\"NS\":[\"" + number + "\"]}}");
    assertThat(ItemJson.fromLine(line).get("n").n()).isEqualTo(number);
  }

  @Test
  void toLine_shouldWriteEmptyListsAndMaps_whenAnAttributeHoldsOne() {
    // given
    Map<String, AttributeValue> item = Map.of("l", AttributeValue.fromL(List.of()), "m", AttributeValue.fromM(Map.of()));

    // when
    String line = ItemJson.toLine(item);

    // then
    assertThat(line).isEqualTo("{\"l\":{\"L\":[]},\"m\":{\"M\":{}}}");
    assertThat(ItemJson.fromLine(line)).isEqualTo(item);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "{\"a\":\"x\"}", "{\"a\":{\"S\":1}}", "{\"a\":{\"N\":1}}", "{\"a\":{\"X\":\"1\"}}",
      "{\"a\":{\"S\":\"1\",\"N\":\"1\"}}", "{\"a\":{\"B\":\"not base64!\"}}", "{\"a\":{\"S\":\"1\"},\"a\":{\"S\":\"2\"}}", "{\"a\":{\"S\":\"1\"}"})
  void fromLine_shouldRefuse_whenLineIsNotAnItem(String line) {
    assertThatThrownBy(() -> ItemJson.fromLine(line)).isInstanceOf(IllegalArgumentException.class);
  }
}
