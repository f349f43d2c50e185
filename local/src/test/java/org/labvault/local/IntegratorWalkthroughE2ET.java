package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.ReadmeWalkthrough;

/**
 * The README's integrator walk-through ("Deletion fan-out: integrating an application"), run as
 * written with bash, the AWS CLI, curl, jq and openssl. Skipped where one of those programs is missing.
 */
class IntegratorWalkthroughE2ET {

  @TempDir Path work;

  @Test
  void theReadmeWalkthroughWorksAsWritten() throws Exception {
    List<String> programs = List.of("bash", "aws", "curl", "jq", "openssl");
    assumeTrue(ReadmeWalkthrough.installed(programs), "one of " + programs + " is not installed");
    String output = ReadmeWalkthrough.run(
        ReadmeWalkthrough.script("## Deletion fan-out: integrating an application"), work);
    assertThat(output).contains("\"type\":\"AppLinkDeleted\"").contains("\"externalRef\":\"LIMS-0043\"");
    assertThat(output.lines()).contains("204");
    assertThat(output).contains("\"status\":\"COMPLETE\"");
  }
}
