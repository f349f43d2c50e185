package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.ReadmeWalkthrough;

/** The README's "Canary" commands, run as written with bash, curl and jq. Skipped where one is missing. */
class CanaryWalkthroughE2ET {

  @TempDir Path work;

  @Test
  void theReadmeCanaryCommandsWorkAsWritten() throws Exception {
    List<String> programs = List.of("bash", "curl", "jq");
    assumeTrue(ReadmeWalkthrough.installed(programs), "one of " + programs + " is not installed");
    String output = ReadmeWalkthrough.run(ReadmeWalkthrough.script("## Canary"), work);
    var lines = output.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("{\"status\":\"PASSED\",\"at\":").contains("{\"name\":\"cleanUp\",\"ok\":true,\"ms\":");
    assertThat(lines.get(1)).isEqualTo(lines.get(0));
    assertThat(lines.get(2)).startsWith("{\"status\":\"PASSED\",\"at\":");
  }
}
