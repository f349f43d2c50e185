package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.ReadmeWalkthrough;

/**
 * The README's instrument walk-through ("Instruments: register, grant, upload over MQTT"), run as
 * written with bash, openssl, jq, curl and Debian's mosquitto clients. Skipped where one of those
 * programs is missing (CI installs them).
 */
class InstrumentWalkthroughE2ET {

  @TempDir Path work;

  @Test
  void theReadmeInstrumentCommandsWorkAsWritten() throws Exception {
    List<String> programs = List.of("bash", "curl", "jq", "openssl", "mosquitto_rr");
    assumeTrue(ReadmeWalkthrough.installed(programs), "one of " + programs + " is not installed");
    String output = ReadmeWalkthrough.run(
        ReadmeWalkthrough.script("## Instruments: register, grant, upload over MQTT"), work);
    assertThat(output.lines()).contains("204", "200", "refused after revocation");
    assertThat(output).containsPattern("\\{\"requestId\":\"run-42\",\"assetId\":\"[^\"]+\",\"method\":\"PUT\"}")
        .containsPattern("\\{\"status\":\"AVAILABLE\",\"createdBy\":\"instrument:[^\"]+\"}");
  }
}
