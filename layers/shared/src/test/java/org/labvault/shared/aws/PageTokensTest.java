package org.labvault.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ValidationException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PageTokensTest {

  private static final String KEY = "k".repeat(20) + "0123456789abcdef";
  private static final String MEMBERS_OF_1 = "members:GROUP#1";
  private final PageTokens tokens = PageTokens.withKey(KEY);

  private static Map<String, AttributeValue> key(String... namesAndValues) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      key.put(namesAndValues[i], AttributeValue.fromS(namesAndValues[i + 1]));
    }
    return key;
  }

  private void assertRefused(String token, String list, java.util.Set<String> attributes) {
    assertThatThrownBy(() -> tokens.decode(token, list, attributes))
        .isInstanceOf(ValidationException.class)
        .hasMessage("nextToken: is not a token this list issued");
  }

  @Test
  void decode_shouldReturnTheKeyItWasGiven() {
    String token = tokens.encode(MEMBERS_OF_1, key("pk", "GROUP#1", "sk", "MEMBER#alice"));
    assertThat(tokens.decode(token, MEMBERS_OF_1, PageTokens.TABLE_KEY)).isEqualTo(key("pk", "GROUP#1", "sk", "MEMBER#alice"));
    String assets = tokens.encode("assets", key("pk", "ASSET#a", "sk", "META", "gsi1pk", "ASSETS#g#LIVE", "gsi1sk", "2026"));
    assertThat(tokens.decode(assets, "assets", PageTokens.GSI1_KEY)).containsOnlyKeys("pk", "sk", "gsi1pk", "gsi1sk");
  }

  @Test
  void encode_shouldGiveNoToken_onTheLastPage() {
    assertThat(tokens.encode(MEMBERS_OF_1, null)).isNull();
    assertThat(tokens.encode(MEMBERS_OF_1, Map.of())).isNull();
    assertThat(tokens.decode(null, MEMBERS_OF_1, PageTokens.TABLE_KEY)).isNull();
  }

  @Test
  void decode_shouldRefuseATokenOfAnotherList() {
    String foreign = tokens.encode("members:GROUP#2", key("pk", "GROUP#2", "sk", "MEMBER#bob"));
    assertRefused(foreign, MEMBERS_OF_1, PageTokens.TABLE_KEY);
    // the same key on another kind of list of the same partition
    String groupsList = tokens.encode("groups:GROUP#1", key("pk", "GROUP#1", "sk", "MEMBER#bob"));
    assertRefused(groupsList, MEMBERS_OF_1, PageTokens.TABLE_KEY);
  }

  @Test
  void decode_shouldRefuseATokenSignedWithAnotherKey() {
    String other = PageTokens.withKey("another-key-of-at-least-32-characters").encode(
        MEMBERS_OF_1, key("pk", "GROUP#1", "sk", "MEMBER#alice"));
    assertRefused(other, MEMBERS_OF_1, PageTokens.TABLE_KEY);
  }

  @Test
  void decode_shouldRefuseATamperedToken() {
    String token = tokens.encode(MEMBERS_OF_1, key("pk", "GROUP#1", "sk", "MEMBER#alice"));
    String mac = token.substring(token.indexOf('.'));
    String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"pk\":\"GROUP#1\",\"sk\":\"MEMBER#mallory\"}".getBytes(StandardCharsets.UTF_8));
    assertRefused(changed + mac, MEMBERS_OF_1, PageTokens.TABLE_KEY);
    char last = token.charAt(token.length() - 1);
    assertRefused(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'), MEMBERS_OF_1, PageTokens.TABLE_KEY);
  }

  @Test
  void decode_shouldRefuseATruncatedToken() {
    String token = tokens.encode(MEMBERS_OF_1, key("pk", "GROUP#1", "sk", "MEMBER#alice"));
    assertRefused(token.substring(0, token.length() - 1), MEMBERS_OF_1, PageTokens.TABLE_KEY);
    assertRefused(token.substring(0, token.indexOf('.')), MEMBERS_OF_1, PageTokens.TABLE_KEY);
    assertRefused(token.substring(0, token.indexOf('.') + 1), MEMBERS_OF_1, PageTokens.TABLE_KEY);
    assertRefused(token.substring(token.indexOf('.')), MEMBERS_OF_1, PageTokens.TABLE_KEY);
  }

  @Test
  void decode_shouldRefuseHandMadeKeys_evenUnderAValidMac() {
    // what the finding sent unsigned; signed here to prove the shape is checked too
    for (var bad : java.util.List.of(
        key("pk", "GROUP#1"),
        key("pk", "GROUP#1", "sk", ""),
        key("pk", "GROUP#1", "sk", "MEMBER#a", "extra", "x"),
        key("pk", "GROUP#1", "other", "MEMBER#a"))) {
      assertRefused(tokens.encode(MEMBERS_OF_1, bad), MEMBERS_OF_1, PageTokens.TABLE_KEY);
    }
    assertRefused(tokens.encode("assets", key("gsi1pk", "ASSETS#g#LIVE")), "assets", PageTokens.GSI1_KEY);
  }

  @Test
  void decode_shouldRefuseGarbageAndTheOldUnsignedFormat() {
    String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "pk\u001fGROUP#1\u001esk\u001fMEMBER#bob\u001e".getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {"!!!", "abc", "eyJ9", "a.b.c", ".", "..", unsigned, unsigned + ".", "e30.AAAA"}) {
      assertRefused(bad, MEMBERS_OF_1, PageTokens.TABLE_KEY);
    }
  }

  @Test
  void theKeyComesFromTheConfiguration_andMustBeLongEnough() {
    var config = Config.from(Map.of(Config.Names.PAGE_TOKEN_KEY, "short"));
    assertThatThrownBy(() -> new PageTokens(config).encode("l", key("pk", "a", "sk", "b")))
        .isInstanceOf(Config.ConfigException.class)
        .hasMessageContaining(Config.Names.PAGE_TOKEN_KEY);
    assertThatThrownBy(() -> new PageTokens(Config.from(Map.of())).encode("l", key("pk", "a", "sk", "b")))
        .isInstanceOf(Config.ConfigException.class);
    String shortest = "k".repeat(PageTokens.MIN_KEY_LENGTH);
    assertThat(PageTokens.withKey(shortest).encode("l", key("pk", "a", "sk", "b"))).isNotNull();
    assertThatThrownBy(() -> PageTokens.withKey(shortest.substring(1)).encode("l", key("pk", "a", "sk", "b")))
        .isInstanceOf(Config.ConfigException.class)
        .hasMessageContaining("at least " + PageTokens.MIN_KEY_LENGTH);
  }

  @Test
  void theMacCoversTheListNameEndedByAZeroByte_thenTheKey() throws Exception {
    // the list name is ended, so "a" + "bc" and "ab" + "c" never sign alike
    String token = tokens.encode("ab", key("pk", "p", "sk", "s"));
    String[] parts = token.split("\\.");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update("ab".getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    byte[] expected = mac.doFinal(Base64.getUrlDecoder().decode(parts[0]));
    assertThat(parts[1]).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
  }
}
