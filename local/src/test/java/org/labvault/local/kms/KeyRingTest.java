package org.labvault.local.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRingTest {

  private static final String KEY_ID = "0b5c7e2a-3f41-4d8e-9a6b-1c2d3e4f5a6b";
  private static final String ARN = "arn:aws:kms:us-east-1:000000000000:key/" + KEY_ID;
  private static final SigningKey KEY =
      new SigningKey(KEY_ID, ARN, KeySpec.ECC_NIST_P256, true, KeySpec.ECC_NIST_P256.generate());
  private final KeyRing ring =
      new KeyRing(Map.of(KEY_ID, KEY), Map.of("alias/audit", KEY_ID), "us-east-1", "000000000000");

  @Test
  void aKey_shouldBeFound_byItsId_itsArn_itsAliasName_andItsAliasArn() {
    assertThat(ring.resolve(KEY_ID)).isSameAs(KEY);
    assertThat(ring.resolve(ARN)).isSameAs(KEY);
    assertThat(ring.resolve("alias/audit")).isSameAs(KEY);
    assertThat(ring.resolve("arn:aws:kms:us-east-1:000000000000:alias/audit")).isSameAs(KEY);
  }

  @Test
  void whatNamesNoKeyHere_shouldBeNotFound() {
    for (String keyId : new String[] {"1b5c7e2a-3f41-4d8e-9a6b-1c2d3e4f5a6b", "alias/other",
        "arn:aws:kms:eu-west-1:000000000000:key/" + KEY_ID, "arn:aws:kms:us-east-1:111122223333:alias/audit",
        "arn:aws:kms:us-east-1:000000000000:grant/" + KEY_ID}) {
      KmsError e = catchThrowableOfType(KmsError.class, () -> ring.resolve(keyId));
      assertThat(e.type()).as(keyId).isEqualTo("NotFoundException");
      assertThat(e.status()).isEqualTo(400);
    }
  }
}
