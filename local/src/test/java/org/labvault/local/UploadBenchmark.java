package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Uploads;
import org.labvault.shared.asset.adapter.S3ObjectStore;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * What an upload costs, against floors measured in the same run on the same stack: {@code ./mvnw
 * -B verify -Pbench}. Not a test of speed (no timing fails it); it prints a table and writes it to
 * {@code local/target/benchmark.txt}.
 *
 * <ul>
 *   <li>declaring an upload (authorize, one transaction, audit, sign) against reading a group
 *       (authorize, one read): the cost of the write path over the cheapest authorized route;
 *   <li>a 64 MiB upload from PUT to AVAILABLE (event, read back, SHA-256, conditional write)
 *       against the bare PUT plus an in-memory SHA-256 of the same bytes;
 *   <li>the memory the verifier's hashing allocates, against a plain SDK read of the same object
 *       into nothing: it streams, so the two should be alike and far below the object's size.
 * </ul>
 */
class UploadBenchmark {

  @RegisterExtension static final StackExtension STACK = StackExtension.forBenchmark();
  static final int LARGE = 64 * 1024 * 1024;
  static final int SMALL_ROUNDS = 200;
  static final int LARGE_ROUNDS = 3;

  private final List<String> report = new ArrayList<>();

  @Test
  void measure() throws Exception {
    HttpApi api = STACK.api();
    String alice = api.token("alice", "acme");
    String group = api.createGroup(alice, "bench");
    byte[] small = "a\n".getBytes(StandardCharsets.UTF_8);
    Uploads uploads = new Uploads(api);
    String smallDeclaration = Uploads.declaration("s.txt", small, null);

    // ---- request latency: declare an upload vs read the group
    warmUp(() -> api.get("/groups/" + group, alice).status(), () -> api.postJson("/groups/" + group + "/assets", alice, smallDeclaration).status());
    long[] read = sample(SMALL_ROUNDS, () -> expect(200, api.get("/groups/" + group, alice).status()));
    long[] declare = sample(SMALL_ROUNDS, () -> expect(201, api.postJson("/groups/" + group + "/assets", alice, smallDeclaration).status()));
    line("declare an upload (median)", median(declare), "GET /groups/{id} (median)", median(read));
    line("declare an upload (p95)", p95(declare), "GET /groups/{id} (p95)", p95(read));

    // ---- a 64 MiB upload to AVAILABLE vs bare PUT + in-memory hash
    byte[] large = new byte[LARGE];
    new Random(1).nextBytes(large);
    String bucket = STACK.stack().model().buckets().get("DataBucket").bucketName();
    long[] floor = new long[LARGE_ROUNDS];
    long[] upload = new long[LARGE_ROUNDS];
    try (var s3 = STACK.stack().s3Client()) {
      for (int i = 0; i < LARGE_ROUNDS; i++) {
        // the floor: S3 stores the bytes (outside the asset prefix: no event), the JVM hashes them
        long start = System.nanoTime();
        s3.putObject(r -> r.bucket(bucket).key("bench/raw").serverSideEncryption(ServerSideEncryption.AES256),
            RequestBody.fromBytes(large));
        MessageDigest.getInstance("SHA-256").digest(large);
        floor[i] = System.nanoTime() - start;

        start = System.nanoTime();
        JsonNode created = uploads.declare(alice, group, "big-" + i, large, null);
        var put = Uploads.put(created.at("/upload/url").asText(), Uploads.headersOf(created.path("upload")), large);
        expect(200, put.statusCode());
        uploads.awaitStatus(alice, created.path("assetId").asText(), "AVAILABLE");
        upload[i] = System.nanoTime() - start;
      }
      line("64 MiB: declare, PUT, verified (median)", median(upload), "PUT + SHA-256 in memory (median)", median(floor));

      // ---- memory: the verifier's streaming hash vs a plain read into nothing
      var presigner = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
          .region(software.amazon.awssdk.regions.Region.of(LocalStack.REGION))
          .credentialsProvider(s3.serviceClientConfiguration().credentialsProvider())
          .endpointOverride(STACK.stack().s3Endpoint()).build();
      // the verifier's own adapter, on the same client as the floor's plain read
      var store = new S3ObjectStore(s3, presigner, Config.from(Map.of(Config.Names.DATA_BUCKET, bucket)));
      LongSupplier hash = () -> store.sha256("bench/raw", null).length();
      LongSupplier plainRead = () -> {
        try (InputStream in = s3.getObject(r -> r.bucket(bucket).key("bench/raw"))) {
          return in.transferTo(OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      };
      warmUp(hash, plainRead);
      long hashing = allocatedBy(hash);
      long plain = allocatedBy(plainRead);
      report.add(String.format("%-44s %10.1f MiB   %-36s %10.1f MiB   ratio %5.2f   (%.1f%% of the object)",
          "verifier: stream and hash 64 MiB (allocated)", hashing / 1048576.0,
          "plain SDK read into nothing", plain / 1048576.0, (double) hashing / Math.max(1, plain), 100.0 * hashing / LARGE));
    }

    String table = String.join("\n", report);
    System.out.println("\nLabVault upload benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
        + System.getProperty("java.version") + ")\n" + table + "\n");
    Path out = Path.of(System.getProperty("labvault.root", "..")).resolve("local/target/benchmark.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table + "\n");
    assertThat(report).hasSize(4);
  }

  // ---- measuring

  private static void warmUp(LongSupplier... calls) {
    for (int i = 0; i < 20; i++) {
      for (LongSupplier call : calls) {
        call.getAsLong();
      }
    }
  }

  private static long[] sample(int rounds, Runnable call) {
    long[] nanos = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  /** Bytes the current thread allocates while {@code work} runs (the SDK reads on the caller's thread). */
  private static long allocatedBy(LongSupplier work) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    work.getAsLong();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private static void expect(int status, int actual) {
    if (status != actual) {
      throw new AssertionError("expected " + status + " but got " + actual);
    }
  }

  private static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long p95(long[] sortedNanos) {
    return sortedNanos[(int) Math.ceil(sortedNanos.length * 0.95) - 1];
  }

  private void line(String measured, long measuredNanos, String floor, long floorNanos) {
    report.add(String.format("%-44s %10.2f ms   %-36s %10.2f ms   ratio %5.2f",
        measured, measuredNanos / 1e6, floor, floorNanos / 1e6, (double) measuredNanos / floorNanos));
  }
}
