package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.labvault.local.testing.StackProcess;

/** The jar started on a JDK older than 21 says so in one plain line, not with a class version error. */
class JavaVersionE2ET {

  private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)[^\"]*\"");

  @Test
  void theJarOnAnOlderJdk_shouldPrintOneLineNamingTheVersionNeeded_andExit1() throws Exception {
    // given
    Optional<Path> oldJdk = olderJdk();
    assumeTrue(oldJdk.isPresent(), "no JDK older than 21 under /usr/lib/jvm");

    // when
    StackProcess run = StackProcess.launchWith(oldJdk.get().resolve("bin/java").toString(), "--port", "0");

    // then
    assertThat(run.awaitExit(30)).isEqualTo(1);
    assertThat(run.seen()).hasSize(1);
    assertThat(run.seen().getFirst()).matches(
        "LabVault local stack needs Java 21 or newer; this is Java \\d+ \\(set JAVA_HOME or PATH to a JDK >= 21\\)");
  }

  /** A JDK or JRE below 21, found by its release file. */
  private static Optional<Path> olderJdk() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .filter(home -> {
            try {
              Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
              return m.find() && Integer.parseInt(m.group(1)) < 21;
            } catch (IOException e) {
              return false;
            }
          })
          .findFirst();
    }
  }
}
