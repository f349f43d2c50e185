package org.labvault.local.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The packaged stack in its own process, started the way the README starts it, with its output
 * collected line by line.
 */
public record StackProcess(Process process, BlockingQueue<String> lines, List<String> seen) {

  public static final Pattern READY = Pattern.compile("^LabVault local stack ready: (http://127\\.0\\.0\\.1:(\\d+))$");
  private static final String EOF = "\u0000end-of-output";

  /** {@code java -jar labvault-local.jar args} with the JDK running the tests. */
  public static StackProcess launch(String... args) throws IOException {
    return launchWith(ProcessHandle.current().info().command().orElse("java"), args);
  }

  /** {@code <java> -jar labvault-local.jar args}, from the project's root like the README. */
  public static StackProcess launchWith(String java, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-jar");
    command.add(System.getProperty("labvault.localJar", "target/labvault-local.jar"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(Stacks.root().toFile()).redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofVirtual().start(() -> {
      try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
      lines.add(EOF);
    });
    return new StackProcess(process, lines, new ArrayList<>());
  }

  /** Waits for a line matching {@code pattern}; fails naming every line seen. */
  public String awaitLine(Pattern pattern, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (EOF.equals(line)) {
        lines.add(EOF); // keep the marker for later waits
        break;
      }
      if (line != null) {
        seen.add(line);
        if (pattern.matcher(line).matches()) {
          return line;
        }
      }
    }
    throw new AssertionError("no line matching " + pattern + " in " + seen);
  }

  /** Waits for the process to end and returns its exit status, collecting its output. */
  public int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("still running after " + seconds + " s; output: " + seen);
    }
    try {
      awaitLine(Pattern.compile("\u0000never"), 2);
    } catch (AssertionError endOfOutput) {
      // every line is in seen now
    }
    return process.exitValue();
  }

  /** SIGTERM (Process.destroy() would also close our end of its output), then waits for the end. */
  public void stop() throws InterruptedException {
    process.toHandle().destroy();
    process.waitFor(20, TimeUnit.SECONDS);
  }
}
