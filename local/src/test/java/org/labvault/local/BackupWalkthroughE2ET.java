package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.ReadmeWalkthrough;

/**
 * The README's operator walk-through ("Backups: run, verify, restore"), run as written with bash, curl,
 * jq, openssl and cmp. Skipped where one of those programs is missing.
 */
class BackupWalkthroughE2ET {

  @TempDir Path work;

  @Test
  void theReadmeBackupCommandsWorkAsWritten() throws Exception {
    List<String> programs = List.of("bash", "curl", "jq", "openssl", "cmp");
    assumeTrue(ReadmeWalkthrough.installed(programs), "one of " + programs + " is not installed");
    String output = ReadmeWalkthrough.run(ReadmeWalkthrough.script("## Backups: run, verify, restore"), work);
    assertThat(output.lines()).contains("202", "PASSED", "AVAILABLE", "same bytes", "403");
    assertThat(output).contains("\"status\":\"PASSED\"").contains("\"mismatches\":0").contains("\"snapshotId\"");
  }
}
