package org.labvault.local.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The filter policy examples of the SNS developer guide, against its example transaction message:
 * customer_interests (String.Array) soccer, rugby, hockey; store example_corp; event order_placed;
 * price_usd (Number) 210.75; no "encrypted" attribute.
 */
class FilterPolicyTest {

  private static final Map<String, MessageAttribute> ATTRIBUTES = new LinkedHashMap<>();

  static {
    ATTRIBUTES.put("customer_interests", new MessageAttribute("String.Array", "[\"soccer\", \"rugby\", \"hockey\"]", null));
    ATTRIBUTES.put("store", new MessageAttribute("String", "example_corp", null));
    ATTRIBUTES.put("event", new MessageAttribute("String", "order_placed", null));
    ATTRIBUTES.put("price_usd", new MessageAttribute("Number", "210.75", null));
  }

  private static final String BODY = """
      {"customer_interests": ["soccer", "rugby", "hockey"], "store": "example_corp", "event": "order_placed",
       "price_usd": 210.75, "delivery": {"address": {"city": "Lyon"}, "express": true}, "coupon": null}""";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // exact strings, AND across keys, OR within a key; String.Array matches on any element
      "{\"store\":[\"example_corp\"],\"event\":[{\"anything-but\":\"order_cancelled\"}],\"customer_interests\":[\"rugby\",\"football\",\"baseball\"],\"price_usd\":[{\"numeric\":[\">=\",100]}]} | true",
      "{\"store\":[\"example_corp\"],\"event\":[\"order_cancelled\"]} | false",
      "{\"customer_interests\":[\"rugby\",\"tennis\"]} | true",
      "{\"customer_interests\":[\"tennis\"]} | false",
      "{\"store\":[\"Example_Corp\"]} | false",
      // numeric exact and ranges
      "{\"price_usd\":[{\"numeric\":[\"=\",210.75]}]} | true",
      "{\"price_usd\":[210.75]} | true",
      "{\"price_usd\":[{\"numeric\":[\">\",0,\"<=\",150]}]} | false",
      "{\"price_usd\":[{\"numeric\":[\">\",200,\"<\",300]}]} | true",
      "{\"price_usd\":[{\"numeric\":[\"<\",210.75]}]} | false",
      "{\"store\":[{\"numeric\":[\">\",0]}]} | false",
      // prefix, suffix, equals-ignore-case
      "{\"event\":[{\"prefix\":\"order\"}]} | true",
      "{\"customer_interests\":[{\"prefix\":\"bas\"}]} | false",
      "{\"store\":[{\"suffix\":\"_corp\"}]} | true",
      "{\"customer_interests\":[{\"suffix\":\"ball\"}]} | false",
      "{\"store\":[{\"equals-ignore-case\":\"EXAMPLE_CORP\"}]} | true",
      // anything-but: values, numbers, prefix, suffix
      "{\"store\":[{\"anything-but\":[\"example_corp\",\"other_corp\"]}]} | false",
      "{\"price_usd\":[{\"anything-but\":[100,200]}]} | true",
      "{\"event\":[{\"anything-but\":{\"prefix\":\"order\"}}]} | false",
      "{\"event\":[{\"anything-but\":{\"prefix\":\"cancel\"}}]} | true",
      "{\"store\":[{\"anything-but\":{\"suffix\":\"_corp\"}}]} | false",
      "{\"encrypted\":[{\"anything-but\":\"yes\"}]} | false",
      // key matching
      "{\"store\":[{\"exists\":true}]} | true",
      "{\"encrypted\":[{\"exists\":false}]} | true",
      "{\"encrypted\":[{\"exists\":true}]} | false",
      "{\"store\":[{\"exists\":false}]} | false",
      // $or across keys
      "{\"store\":[\"example_corp\"],\"$or\":[{\"event\":[\"order_cancelled\"]},{\"price_usd\":[{\"numeric\":[\">\",200]}]}]} | true",
      "{\"store\":[\"example_corp\"],\"$or\":[{\"event\":[\"order_cancelled\"]},{\"encrypted\":[{\"exists\":true}]}]} | false",
  })
  void matchesAttributes_shouldFollowTheDocumentedExamples(String policy, boolean expected) {
    assertThat(FilterPolicy.parse(policy).matchesAttributes(ATTRIBUTES)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"store\":[\"example_corp\"],\"price_usd\":[{\"numeric\":[\">\",200]}]} | true",
      "{\"customer_interests\":[\"hockey\"]} | true",
      "{\"delivery\":{\"address\":{\"city\":[\"Lyon\"]}}} | true",
      "{\"delivery\":{\"address\":{\"city\":[\"Paris\"]}}} | false",
      "{\"delivery\":{\"express\":[true]}} | true",
      "{\"coupon\":[null]} | true",
      "{\"delivery\":{\"tracking\":[{\"exists\":false}]}} | true",
      "{\"store\":[{\"prefix\":\"example\"}],\"$or\":[{\"event\":[\"x\"]},{\"delivery\":{\"express\":[true]}}]} | true",
  })
  void matchesBody_shouldReadNestedKeysOfTheJsonBody(String policy, boolean expected) {
    assertThat(FilterPolicy.parse(policy).matchesBody(BODY)).isEqualTo(expected);
  }

  @Test
  void matchesBody_shouldNotMatchABodyThatIsNotAJsonObject() {
    assertThat(FilterPolicy.parse("{\"store\":[{\"exists\":false}]}").matchesBody("plain text")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "[]",
      "not json",
      "{\"store\":[]}",
      "{\"store\":\"example_corp\"}",
      "{\"store\":[{\"prefix\":1}]}",
      "{\"store\":[{\"wildcard-ish\":\"x\"}]}",
      "{\"price\":[{\"numeric\":[\">\",\"a\"]}]}",
      "{\"price\":[{\"numeric\":[\"<\",10,\">\",0]}]}",
      "{\"price\":[{\"numeric\":[\">\",10,\"<\",5]}]}",
      "{\"store\":[{\"exists\":\"yes\"}]}",
      "{\"store\":[{\"prefix\":\"a\",\"suffix\":\"b\"}]}",
      "{\"$or\":[{\"a\":[\"x\"]}]}",
      "{\"a\":[\"1\"],\"b\":[\"1\"],\"c\":[\"1\"],\"d\":[\"1\"],\"e\":[\"1\"],\"f\":[\"1\"]}",
  })
  void parse_shouldRefuseAnInvalidPolicy(String policy) {
    assertThatThrownBy(() -> FilterPolicy.parse(policy)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_shouldRefuseMoreThan150Combinations() {
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 16; i++) {
      many.append(i == 0 ? "" : ",").append('"').append(i).append('"');
    }
    many.append(']');
    String policy = "{\"a\":" + many + ",\"b\":" + many + "}";
    assertThatThrownBy(() -> FilterPolicy.parse(policy)).hasMessageContaining("150");
  }
}
