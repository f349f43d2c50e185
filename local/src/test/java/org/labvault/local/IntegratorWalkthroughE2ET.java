package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.Stacks;

/**
 * The README's integrator walk-through ("Deletion fan-out: integrating an application"), run as
 * written with bash, the AWS CLI, curl, jq and openssl against a stack in {@code .labvault-local}
 * of the working directory; only the API's port differs (the stack takes a free one). Skipped where
 * one of those programs is missing.
 */
class IntegratorWalkthroughE2ET {

  static final String SECTION = "## Deletion fan-out: integrating an application";
  static final String API_LINE = "API=http://127.0.0.1:3000";

  @TempDir Path work;

  @Test
  void theReadmeWalkthroughWorksAsWritten() throws Exception {
    for (String program : List.of("bash", "aws", "curl", "jq", "openssl")) {
      assumeTrue(onPath(program), program + " is not installed");
    }
    String script = walkthrough();
    assertThat(script).startsWith(API_LINE);
    try (LocalStack stack = LocalStack.start(Stacks.options(work.resolve(".labvault-local")))) {
      Process bash = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c",
          script.replace(API_LINE, "API=" + stack.api()))
          .directory(work.toFile())
          .redirectErrorStream(true)
          .start();
      bash.getOutputStream().close();
      boolean finished = bash.waitFor(120, TimeUnit.SECONDS);
      String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!finished) {
        bash.destroyForcibly();
      }
      assertThat(finished).as(output).isTrue();
      assertThat(bash.exitValue()).as(output).isZero();
      assertThat(output).contains("\"type\":\"AppLinkDeleted\"").contains("\"externalRef\":\"LIMS-0043\"");
      assertThat(output.lines()).contains("204");
      assertThat(output).contains("\"status\":\"COMPLETE\"");
    }
  }

  /** The first bash block of the README's section. */
  static String walkthrough() throws Exception {
    String readme = Files.readString(Stacks.root().resolve("README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf(SECTION);
    assertThat(section).as("README section " + SECTION).isNotNegative();
    int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
