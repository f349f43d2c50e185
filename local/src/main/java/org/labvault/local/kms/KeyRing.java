package org.labvault.local.kms;

import java.util.Map;

/**
 * The keys and aliases the local KMS serves, and how a request's {@code KeyId} names one: a key id,
 * a key ARN, an alias name or an alias ARN, as KMS takes them.
 */
final class KeyRing {

  private final Map<String, SigningKey> keys;
  private final Map<String, String> aliases;
  private final String arnPrefix;

  /**
   * @param keys by key id
   * @param aliases key ids by alias name ({@code alias/...})
   */
  KeyRing(Map<String, SigningKey> keys, Map<String, String> aliases, String region, String accountId) {
    this.keys = Map.copyOf(keys);
    this.aliases = Map.copyOf(aliases);
    this.arnPrefix = "arn:aws:kms:" + region + ":" + accountId + ":";
  }

  /** @throws KmsError NotFoundException when {@code keyId} names no key here */
  SigningKey resolve(String keyId) {
    String id = keyId;
    if (id.startsWith("arn:")) {
      if (!id.startsWith(arnPrefix)) {
        throw KmsError.notFound("Invalid arn " + keyId + " (not of this region and account)");
      }
      id = id.substring(arnPrefix.length());
      if (id.startsWith("key/")) {
        id = id.substring("key/".length());
      } else if (!id.startsWith("alias/")) {
        throw KmsError.notFound("Invalid arn " + keyId);
      }
    }
    if (id.startsWith("alias/")) {
      String target = aliases.get(id);
      if (target == null) {
        throw KmsError.notFound("Alias " + arnPrefix + id + " is not found.");
      }
      id = target;
    }
    SigningKey key = keys.get(id);
    if (key == null) {
      throw KmsError.notFound("Key '" + arnPrefix + "key/" + id + "' does not exist");
    }
    return key;
  }
}
