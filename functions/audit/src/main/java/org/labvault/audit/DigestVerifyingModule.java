package org.labvault.audit;

import dagger.Binds;
import dagger.Module;
import org.labvault.audit.adapter.KmsDigestPublicKey;
import org.labvault.audit.port.DigestPublicKey;

/** The verification checks digests with the key's public half only (kms:GetPublicKey, never Sign). */
@Module
interface DigestVerifyingModule {
  @Binds
  DigestPublicKey digestKey(KmsDigestPublicKey impl);
}
