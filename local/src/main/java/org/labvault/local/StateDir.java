package org.labvault.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.labvault.local.engine.S3Engine;
import org.labvault.local.template.Model;

/**
 * The local stack's state directory: tables, objects, keys and stack.json. Data persists for
 * tables and objects together, or (when the file system cannot hold object metadata) for neither,
 * and the stack says so at start.
 */
final class StateDir implements AutoCloseable {

  private static final String MARKER = ".labvault-state";
  static final Duration LOCK_PATIENCE = Duration.ofSeconds(15);
  private static final Duration LOCK_POLL = Duration.ofMillis(100);

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final String ephemeralReason;

  private StateDir(Path dir, FileChannel lockChannel, FileLock lock, String ephemeralReason) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.ephemeralReason = ephemeralReason;
  }

  /**
   * Opens (and with {@code fresh} first empties) {@code dir}. Refuses a non-empty directory that is
   * not a LabVault state directory, and one another running stack holds (after waiting a moment for
   * a stack that is stopping).
   */
  static StateDir open(Path dir, boolean fresh) throws IOException {
    dir = dir.toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IOException(dir + " is not a directory");
    }
    if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
      throw new IOException(dir + " is not empty and is not a LabVault state directory; choose another --state-dir");
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), "LabVault local stack state\n", StandardCharsets.UTF_8);
    FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = acquire(channel, dir);
    if (lock == null) {
      channel.close();
      throw new IOException("another LabVault local stack is using " + dir);
    }
    if (fresh) {
      wipe(dir);
    }
    String reason = S3Engine.whyNotPersistent(dir.resolve("s3"));
    return new StateDir(dir, channel, lock, reason);
  }

  /**
   * The lock of the state directory. A stack stopped a moment ago (Ctrl-C, SIGTERM) still holds
   * it while it shuts down, so a start right after waits for it, up to {@link #LOCK_PATIENCE}.
   *
   * @return null when another stack keeps it
   */
  private static FileLock acquire(FileChannel channel, Path dir) throws IOException {
    long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
    boolean told = false;
    while (true) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        return null; // held by a running stack in this same process: waiting would not help
      }
      if (lock != null || System.nanoTime() > deadline) {
        return lock;
      }
      if (!told) {
        System.out.println("Waiting up to " + LOCK_PATIENCE.toSeconds()
            + " s for the previous LabVault local stack to let go of " + dir);
        System.out.flush();
        told = true;
      }
      try {
        Thread.sleep(LOCK_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for " + dir);
      }
    }
  }

  Path path() {
    return dir;
  }

  boolean persistent() {
    return ephemeralReason == null;
  }

  /** Why data cannot persist here, or null. */
  String ephemeralReason() {
    return ephemeralReason;
  }

  Path dynamoDb() throws IOException {
    return Files.createDirectories(dir.resolve("dynamodb"));
  }

  Path s3() throws IOException {
    return Files.createDirectories(dir.resolve("s3"));
  }

  /** The local SQS's queues and messages (an H2 database). */
  Path sqs() {
    return dir.resolve("sqs");
  }

  /** The local SNS's topics and subscriptions (a JSON file). */
  Path snsTopics() {
    return dir.resolve("sns").resolve("topics.json");
  }

  Path identity() {
    return dir.resolve("identity");
  }

  Path pki() {
    return dir.resolve("pki");
  }

  /** The MQTT broker's configuration and key stores (its sessions are kept in memory). */
  Path mqtt() {
    return dir.resolve("mqtt");
  }

  /** The local IoT registry: things, certificates, attachments (a JSON file). */
  Path iotRegistry() {
    return dir.resolve("iot").resolve("registry.json");
  }

  /** The local KMS's key pairs, one file per key id (readable by the owner only). */
  Path kmsKeys() {
    return dir.resolve("kms");
  }

  /** The engines' ports of the last run, reused when free. */
  Path ports() {
    return dir.resolve("ports.json");
  }

  Path stackJson() {
    return dir.resolve("stack.json");
  }

  /** Where stream event source mappings keep their checkpoints (one file per mapping). */
  Path streamCheckpoints() throws IOException {
    return Files.createDirectories(dir.resolve("stream-checkpoints"));
  }

  /** The local AWS credentials every engine checks; created once, kept with the state. */
  record Credentials(String accessKeyId, String secretAccessKey) {}

  Credentials credentials() throws IOException {
    Path file = dir.resolve("identity").resolve("aws-credentials");
    if (!Files.exists(file)) {
      SecureRandom random = new SecureRandom();
      byte[] id = new byte[8];
      byte[] secret = new byte[24];
      random.nextBytes(id);
      random.nextBytes(secret);
      PrivateFiles.write(file, "LVLOCAL" + HexFormat.of().withUpperCase().formatHex(id) + "\n"
          + HexFormat.of().formatHex(secret) + "\n");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return new Credentials(lines.get(0).trim(), lines.get(1).trim());
  }

  /**
   * The value of a generated secret of the template: generated once, as its GenerateSecretString
   * says, and kept with the state (readable by the owner only), as Secrets Manager keeps it.
   */
  String secret(Model.Secret secret) throws IOException {
    Path file = dir.resolve("identity").resolve("secrets").resolve(secret.logicalId());
    if (!Files.exists(file)) {
      PrivateFiles.write(file, secret.generate(new SecureRandom()));
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Removes everything but the marker and the lock. */
  private static void wipe(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.equals(MARKER) || name.equals(".lock")) {
          continue;
        }
        try (Stream<Path> tree = Files.walk(entry)) {
          for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    lockChannel.close();
  }
}
