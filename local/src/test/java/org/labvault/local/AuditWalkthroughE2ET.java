package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.ReadmeWalkthrough;

/**
 * The README's audit walk-through, run as written: an operator reads and verifies the trail, then
 * edits one record straight in the table and verify names it.
 */
class AuditWalkthroughE2ET {

  @TempDir Path work;

  @Test
  void theReadmeAuditCommandsWorkAsWritten() throws Exception {
    List<String> programs = List.of("bash", "curl", "jq", "date");
    assumeTrue(ReadmeWalkthrough.installed(programs), "one of " + programs + " is not installed");
    String output = ReadmeWalkthrough.run(ReadmeWalkthrough.script("## Audit trail"), work);
    assertThat(output.lines()).contains("404", "403");
    assertThat(output).contains("\"actor\":\"alice\",\"action\":\"group:create\"")
        .contains("\"actor\":\"bob\",\"action\":\"group:read\"")
        .contains("\"valid\":true")
        .contains("\"valid\":false");
    // the broken record is the edited one: alice's group:create, as the read showed it
    String read = output.lines().filter(l -> l.contains("\"action\":\"group:create\"")).findFirst().orElseThrow();
    String place = read.replaceAll(".*(\"chain\":\\d+,\"seq\":\\d+).*", "$1");
    assertThat(output).contains("\"firstBroken\":{" + place + ",\"reason\":\"HASH_MISMATCH\"}");
  }
}
