package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.StackProcess;

/** Stopping and at once starting again on the same state directory. */
class RestartE2ET {

  private static final Pattern WAITING =
      Pattern.compile("Waiting up to 15 s for the previous LabVault local stack to let go of .*");

  @TempDir Path state;

  @Test
  void aStartRightAfterSigterm_shouldWaitForThePreviousStackAndBecomeReady() throws Exception {
    // given
    StackProcess first = StackProcess.launch("--port", "0", "--mqtt-port", "0", "--state-dir", state.toString());
    first.awaitLine(StackProcess.READY, 60);

    // when: Ctrl-C / SIGTERM, and at once a new start on the same state directory
    first.process().toHandle().destroy();
    StackProcess second = StackProcess.launch("--port", "0", "--mqtt-port", "0", "--state-dir", state.toString());

    // then
    try {
      second.awaitLine(StackProcess.READY, 60);
      assertThat(second.seen()).noneMatch(l -> l.contains("another LabVault local stack is using"));
    } finally {
      second.stop();
      first.stop();
    }
  }

  @Test
  void aStateDirStillLocked_shouldBeWaitedFor_thenUsedOnceLetGo() throws Exception {
    // given: a state directory whose lock another process (this one) holds
    try (FileChannel channel = lockFile()) {
      FileLock held = channel.lock();
      StackProcess stack = StackProcess.launch("--port", "0", "--mqtt-port", "0", "--state-dir", state.toString());
      try {
        // when
        stack.awaitLine(WAITING, 30);
        held.release();

        // then
        stack.awaitLine(StackProcess.READY, 60);
        assertThat(stack.seen()).filteredOn(l -> WAITING.matcher(l).matches()).hasSize(1);
      } finally {
        stack.stop();
      }
    }
  }

  @Test
  void aStateDirLockedBeyondThePatience_shouldFailWithTheMessageNamingIt() throws Exception {
    try (FileChannel channel = lockFile(); FileLock held = channel.lock()) {
      StackProcess stack = StackProcess.launch("--port", "0", "--mqtt-port", "0", "--state-dir", state.toString());
      assertThat(stack.awaitExit(60)).isEqualTo(1);
      assertThat(stack.seen()).anyMatch(l -> WAITING.matcher(l).matches());
      assertThat(stack.seen()).anyMatch(l -> l.startsWith("LabVault local stack did not start:")
          && l.contains("another LabVault local stack is using " + state.toAbsolutePath().normalize()));
    }
  }

  private FileChannel lockFile() throws Exception {
    Files.writeString(state.resolve(".labvault-state"), "LabVault local stack state\n");
    return FileChannel.open(state.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }
}
