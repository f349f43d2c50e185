package org.labvault.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.error.ValidationException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PageTokensTest {

  private static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put("pk", AttributeValue.fromS(pk));
    key.put("sk", AttributeValue.fromS(sk));
    return key;
  }

  @Test
  void decode_shouldReturnTheKeyItWasGiven() {
    String token = PageTokens.encode(key("GROUP#1", "MEMBER#alice"));
    assertThat(PageTokens.decode(token, "pk", "GROUP#1")).isEqualTo(key("GROUP#1", "MEMBER#alice"));
  }

  @Test
  void encode_shouldGiveNoToken_onTheLastPage() {
    assertThat(PageTokens.encode(null)).isNull();
    assertThat(PageTokens.encode(Map.of())).isNull();
    assertThat(PageTokens.decode(null, "pk", "x")).isNull();
  }

  @Test
  void decode_shouldRefuseATokenOfAnotherList() {
    String foreign = PageTokens.encode(key("GROUP#2", "MEMBER#bob"));
    assertThatThrownBy(() -> PageTokens.decode(foreign, "pk", "GROUP#1"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("nextToken:");
  }

  @Test
  void decode_shouldRefuseGarbage() {
    for (String bad : new String[] {"!!!", "abc", "eyJ9", PageTokens.encode(key("A", "B")) + "x%"}) {
      assertThatThrownBy(() -> PageTokens.decode(bad, "pk", "A")).isInstanceOf(ValidationException.class);
    }
  }
}
