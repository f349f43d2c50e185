package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LauncherTest {

  @Test
  void major_shouldReadOldAndNewVersionStrings() {
    assertThat(Launcher.major("1.8")).isEqualTo(8);
    assertThat(Launcher.major("17")).isEqualTo(17);
    assertThat(Launcher.major("25")).isEqualTo(25);
  }

  @Test
  void theLauncher_shouldBeLoadableByJava8() throws Exception {
    try (var in = Launcher.class.getResourceAsStream("Launcher.class")) {
      byte[] header = in.readNBytes(8);
      int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      assertThat(major).as("class file version (52 = Java 8)").isEqualTo(52);
    }
  }
}
