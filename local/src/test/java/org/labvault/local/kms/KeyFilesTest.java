package org.labvault.local.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

  @TempDir Path dir;

  @Test
  void aKeyPair_shouldBeGeneratedOnce_andReadBackTheSame_fromAFileOnlyItsOwnerReads() throws IOException {
    KeyPair first = new KeyFiles(dir).keyPair("key-1", KeySpec.ECC_NIST_P256);
    KeyPair again = new KeyFiles(dir).keyPair("key-1", KeySpec.ECC_NIST_P256);
    KeyPair other = new KeyFiles(dir).keyPair("key-2", KeySpec.ECC_NIST_P256);

    assertThat(again.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
    assertThat(again.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
    assertThat(other.getPublic().getEncoded()).isNotEqualTo(first.getPublic().getEncoded());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key-1.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aKeptFileOfAnotherSpec_shouldBeRefused_ratherThanSignWithTheWrongKey() throws IOException {
    new KeyFiles(dir).keyPair("key-1", KeySpec.ECC_NIST_P256);

    assertThatThrownBy(() -> new KeyFiles(dir).keyPair("key-1", KeySpec.ECC_NIST_P384))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not hold a ECC_NIST_P384 key");
  }
}
