package org.labvault.audit.port;

import java.security.PublicKey;
import java.util.Set;

/** The public half of the audit digest key: digests are verified locally with it. */
public interface DigestPublicKey {

  /** The key, fetched once per execution environment. */
  PublicKey key();

  /** The names a genuine digest may give the key (the configured id and the key's ARN). */
  Set<String> keyIds();
}
