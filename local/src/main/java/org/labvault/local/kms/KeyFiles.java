package org.labvault.local.kms;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.local.PrivateFiles;
import org.labvault.shared.json.Json;

/**
 * The key pairs of the local KMS, one small JSON file per key id in the state directory (readable
 * by the owner only): generated at the first start, read at every later one, so signatures made
 * before a restart still verify after it.
 */
final class KeyFiles {

  private final Path dir;

  KeyFiles(Path dir) {
    this.dir = dir;
  }

  /** The key pair of {@code keyId}: the kept one, or a new one of {@code spec}, kept from now on. */
  KeyPair keyPair(String keyId, KeySpec spec) throws IOException {
    Path file = dir.resolve(keyId + ".json");
    if (Files.exists(file)) {
      return read(file, spec);
    }
    KeyPair pair = spec.generate();
    Map<String, String> content = new LinkedHashMap<>();
    content.put("keyId", keyId);
    content.put("keySpec", spec.name());
    content.put("privateKey", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    content.put("publicKey", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    PrivateFiles.write(file, Json.instance().write(content));
    return pair;
  }

  private static KeyPair read(Path file, KeySpec spec) throws IOException {
    JsonNode content = Json.instance().mapper().readTree(file.toFile());
    if (content == null || !spec.name().equals(content.path("keySpec").asText())) {
      throw new IOException(file + " does not hold a " + spec + " key");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance(spec.family());
      Base64.Decoder base64 = Base64.getDecoder();
      return new KeyPair(
          factory.generatePublic(new X509EncodedKeySpec(base64.decode(content.path("publicKey").asText()))),
          factory.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(content.path("privateKey").asText()))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + " does not hold a readable " + spec + " key pair", e);
    }
  }
}
