package org.labvault.local.kms;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.dynamodb.server.Credentials;
import org.labvault.dynamodb.server.SigV4Check;
import org.labvault.local.engine.Engine;
import org.labvault.local.template.Model;

/**
 * KMS on 127.0.0.1 for the template's asymmetric signing keys: Sign, Verify and GetPublicKey, with
 * each key's pair generated at the first start and kept in the state directory.
 */
public final class KmsEngine implements Engine.Unlisted {

  /** Its key in ports.json only: stack.json's keys are the contract's, and it names no KMS endpoint. */
  public static final String PORT_KEY = "kmsEndpoint";

  private final KmsServer server;

  private KmsEngine(KmsServer server) {
    this.server = server;
  }

  /**
   * @param keyDir where the key pairs are kept (one file per key id)
   * @param port its port on 127.0.0.1, or 0 for any free one
   */
  public static KmsEngine start(Path keyDir, int port, String accessKeyId, String secretAccessKey, String region,
      String accountId, Collection<Model.KmsKey> keys, Collection<Model.KmsAlias> aliases) throws IOException {
    KeyFiles files = new KeyFiles(keyDir);
    Map<String, SigningKey> byId = new LinkedHashMap<>();
    for (Model.KmsKey key : keys) {
      KeySpec spec = KeySpec.valueOf(key.keySpec());
      byId.put(key.keyId(), new SigningKey(key.keyId(), key.arn(), spec, key.enabled(),
          files.keyPair(key.keyId(), spec)));
    }
    Map<String, String> byAlias = new LinkedHashMap<>();
    aliases.forEach(alias -> byAlias.put(alias.aliasName(), alias.targetKeyId()));
    KmsActions actions = new KmsActions(new KeyRing(byId, byAlias, region, accountId));
    return new KmsEngine(KmsServer.start(port,
        new SigV4Check(new Credentials(accessKeyId, secretAccessKey), "kms"), actions));
  }

  /** What functions get as AWS_ENDPOINT_URL_KMS. */
  @Override
  public URI endpoint() {
    return server.endpoint();
  }

  @Override
  public String name() {
    return "KMS";
  }

  @Override
  public String portKey() {
    return PORT_KEY;
  }

  @Override
  public void close() {
    server.close();
  }
}
