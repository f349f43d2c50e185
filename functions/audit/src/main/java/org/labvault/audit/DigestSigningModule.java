package org.labvault.audit;

import dagger.Binds;
import dagger.Module;
import org.labvault.audit.adapter.KmsDigestSigner;
import org.labvault.audit.port.DigestSigner;

/** Only the digest function signs: the key policy lets no other role use kms:Sign. */
@Module
interface DigestSigningModule {
  @Binds
  DigestSigner signer(KmsDigestSigner impl);
}
