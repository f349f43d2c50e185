package org.labvault.shared.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns DynamoDB's LastEvaluatedKey into an opaque {@code nextToken} and back. A token is the key
 * (as JSON) and an HMAC-SHA256 over the list it was issued for and the key, with a key from the
 * configuration ({@link Config.Names#PAGE_TOKEN_KEY}). Before anything reaches DynamoDB a token is
 * checked: its MAC, the list it names (another caller's or another group's list is refused), and
 * the shape of the key (exactly the attributes the list's query returns, each a non-empty string).
 * Every failure is the same 400, so a client learns nothing about which check failed.
 */
@Singleton
public final class PageTokens {

  /** The key attributes of a query on the table. */
  public static final Set<String> TABLE_KEY = Set.of(Keys.PK, Keys.SK);

  /** The key attributes of a query on {@link Keys#GSI1}: the index's key and the table's. */
  public static final Set<String> GSI1_KEY = Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK);

  /** The key attributes of a query on {@link Keys#GSI2}: the index's key and the table's. */
  public static final Set<String> GSI2_KEY = Set.of(Keys.PK, Keys.SK, Keys.GSI2_PK, Keys.GSI2_SK);

  /** The shortest key accepted: 32 characters, as many bytes as the MAC. */
  public static final int MIN_KEY_LENGTH = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Config config;
  private volatile SecretKeySpec key;

  /**
   * The key is read on first use, so that functions which never page (they share the asset
   * repository) need not be given it.
   */
  @Inject
  public PageTokens(Config config) {
    this.config = config;
  }

  /** Tokens signed with {@code key} (tests, tools). */
  public static PageTokens withKey(String key) {
    return new PageTokens(Config.from(Map.of(Config.Names.PAGE_TOKEN_KEY, key)));
  }

  /** The token for the page after this one of {@code list}, or null on the last page. */
  public String encode(String list, Map<String, AttributeValue> lastEvaluatedKey) {
    if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
      return null;
    }
    Map<String, String> plain = new LinkedHashMap<>();
    lastEvaluatedKey.forEach((name, value) -> {
      if (value.s() == null) {
        throw new IllegalArgumentException("only string keys are paged: " + name);
      }
      plain.put(name, value.s());
    });
    byte[] payload = Json.instance().write(plain).getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(list, payload));
  }

  /**
   * The start key in {@code token}, which must have been issued for {@code list} and hold exactly
   * {@code keyAttributes}; null when {@code token} is null.
   *
   * @throws ValidationException (400, naming {@code nextToken}) for any other token
   */
  public Map<String, AttributeValue> decode(String token, String list, Set<String> keyAttributes) {
    if (token == null) {
      return null;
    }
    String[] parts = token.split("\\.", -1); // payload.mac; an empty part fails the MAC
    if (parts.length != 2) {
      throw invalid();
    }
    byte[] payload;
    byte[] mac;
    try {
      payload = DECODER.decode(parts[0]);
      mac = DECODER.decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (mac.length != MAC_BYTES || !MessageDigest.isEqual(mac, mac(list, payload))) {
      throw invalid();
    }
    return startKey(payload, keyAttributes);
  }

  /** The key a genuine token holds; still checked, so a key DynamoDB would refuse never reaches it. */
  private static Map<String, AttributeValue> startKey(byte[] payload, Set<String> keyAttributes) {
    JsonNode json;
    try {
      json = Json.instance().mapper().readTree(payload);
    } catch (java.io.IOException e) {
      throw invalid();
    }
    if (json == null || !json.isObject() || json.size() != keyAttributes.size()) {
      throw invalid();
    }
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      var field = it.next();
      JsonNode value = field.getValue();
      if (!keyAttributes.contains(field.getKey()) || !value.isTextual() || value.asText().isEmpty()) {
        throw invalid();
      }
      seen.add(field.getKey());
      key.put(field.getKey(), AttributeValue.fromS(value.asText()));
    }
    if (!seen.equals(keyAttributes)) {
      throw invalid();
    }
    return key;
  }

  private byte[] mac(String list, byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key());
      mac.update(list.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0); // the list name ends here: "a" + "bc" and "ab" + "c" differ
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) {
      String value = config.require(Config.Names.PAGE_TOKEN_KEY);
      if (value.length() < MIN_KEY_LENGTH) {
        throw new Config.ConfigException(Config.Names.PAGE_TOKEN_KEY + " must be at least " + MIN_KEY_LENGTH + " characters");
      }
      k = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM);
      key = k;
    }
    return k;
  }

  private static ValidationException invalid() {
    return ValidationException.field("nextToken", "is not a token this list issued");
  }
}
