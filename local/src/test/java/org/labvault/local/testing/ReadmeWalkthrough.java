package org.labvault.local.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.labvault.local.LocalStack;

/**
 * A README walk-through run as written with bash against a stack in {@code .labvault-local} of a
 * working directory; only the API's port differs (the stack takes a free one).
 */
public final class ReadmeWalkthrough {

  static final String API_LINE = "API=http://127.0.0.1:3000";

  private ReadmeWalkthrough() {}

  /** The first bash block of the README's section headed {@code heading}. */
  public static String script(String heading) throws Exception {
    String readme = Files.readString(Stacks.root().resolve("README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf(heading);
    assertThat(section).as("README section " + heading).isNotNegative();
    int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
    int end = readme.indexOf("```", start);
    String script = readme.substring(start, end);
    assertThat(script).startsWith(API_LINE);
    return script;
  }

  /** Whether every program the walk-through calls is installed. */
  public static boolean installed(List<String> programs) {
    return programs.stream().allMatch(ReadmeWalkthrough::onPath);
  }

  /** Runs {@code script} in {@code work} against a fresh stack there; returns what it printed once it succeeded. */
  public static String run(String script, Path work) throws Exception {
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
      return output;
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
