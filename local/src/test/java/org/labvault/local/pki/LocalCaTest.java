package org.labvault.local.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.Instruments;

class LocalCaTest {

  @TempDir Path dir;

  @Test
  void signCsr_shouldIssueAClientCertificate_withTheCaKeptInTheStateDir_whenReopened() throws Exception {
    // given: a CA created, then read back as after a restart
    LocalCa created = LocalCa.open(dir);
    LocalCa reopened = LocalCa.open(dir);
    Instruments.Identity identity = Instruments.identity("thing-1");

    // when
    X509Certificate issued = reopened.signCsr(identity.csr(), "thing-1");

    // then
    issued.verify(created.certificate().getPublicKey());
    assertThat(issued.getSubjectX500Principal().getName()).isEqualTo("CN=thing-1");
    assertThat(issued.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(issued.getBasicConstraints()).isEqualTo(-1);
    assertThat(LocalCa.certificateId(issued)).matches("[0-9a-f]{64}");
  }

  @Test
  void signCsr_shouldRefuseACsrWhoseSignatureDoesNotVerify() throws Exception {
    LocalCa ca = LocalCa.open(dir);
    var one = Instruments.identity("a");
    var other = Instruments.identity("b");
    var forged = new org.bouncycastle.pkcs.PKCS10CertificationRequest(new org.bouncycastle.asn1.pkcs.CertificationRequest(
        one.csr().toASN1Structure().getCertificationRequestInfo(), other.csr().getSignatureAlgorithm(),
        other.csr().toASN1Structure().getSignature()));

    assertThatThrownBy(() -> ca.signCsr(forged, "a")).isInstanceOf(IllegalArgumentException.class);
  }
}
