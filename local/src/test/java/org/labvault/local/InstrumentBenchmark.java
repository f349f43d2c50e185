package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.Instruments;
import org.labvault.local.testing.Instruments.Client;
import org.labvault.local.testing.Instruments.Identity;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Timings;
import org.labvault.local.testing.Uploads;
import org.labvault.shared.json.Json;

/**
 * What an instrument waits for an upload URL, against a floor measured in the same run on the
 * same broker: {@code ./mvnw -B verify -Pbench -pl local -Dit.test=InstrumentBenchmark}. 100
 * instruments are registered, granted and connected over mutual TLS; each asks for 10 uploads one
 * after the other (all 100 at once), timed from the publish of the request to the answer on its
 * response topic: the broker, the IoT rule, the ingest function (grant, declaration, claim), the
 * data plane and the broker again. The floor is the broker alone: the same 100 connections each
 * publish 10 messages to a topic of their own that they subscribe to, and receive them. The table
 * is printed and written to {@code local/target/instrument-benchmark.txt}; no timing fails it.
 */
class InstrumentBenchmark {

  @RegisterExtension static final StackExtension STACK = StackExtension.forBenchmark();
  static final int INSTRUMENTS = 100;
  static final int REQUESTS_EACH = 10;
  static final int ALONE = 200;

  record Connected(String id, Client client) {
    String topic(String leaf) {
      return "labvault/instruments/" + id + "/" + leaf;
    }
  }

  @Test
  void measure() throws Exception {
    HttpApi api = STACK.api();
    String alice = api.token("alice", "acme");
    String group = api.createGroup(alice, "Benchmark instruments");
    List<Connected> instruments = new ArrayList<>();
    try {
      for (int i = 0; i < INSTRUMENTS; i++) {
        instruments.add(connected(api, alice, group, i));
      }
      // one full round of each first, all instruments at once: neither measurement pays for class
      // loading or for the function instances a burst of 100 needs (Lambda's cold starts)
      measureAll(instruments, 1, (c, n) -> roundTrip(c, c.topic("echo"), "warm".getBytes(StandardCharsets.UTF_8),
          c.topic("echo")));
      measureAll(instruments, 1, (c, n) -> roundTrip(c, c.topic("upload-requests"), request("warm-" + c.id(), group),
          c.topic("upload-responses")));
      // one instrument alone: what a request costs without waiting behind the others
      List<Connected> one = instruments.subList(0, 1);
      long[] floorAlone = measureAll(one, ALONE, (c, n) -> roundTrip(c, c.topic("echo"),
          ("alone " + n).getBytes(StandardCharsets.UTF_8), c.topic("echo")));
      long[] uploadsAlone = measureAll(one, ALONE, (c, n) -> roundTrip(c, c.topic("upload-requests"),
          request(c.id() + "-alone-" + n, group), c.topic("upload-responses")));
      long[] floor = measureAll(instruments, REQUESTS_EACH, (c, n) -> roundTrip(c, c.topic("echo"),
          ("ping " + n).getBytes(StandardCharsets.UTF_8), c.topic("echo")));
      long[] uploads = measureAll(instruments, REQUESTS_EACH, (c, n) -> roundTrip(c, c.topic("upload-requests"),
          request(c.id() + "-" + n, group), c.topic("upload-responses")));

      List<String> report = List.of(
          String.format("%-62s %8s %8s %8s", "", "p50 ms", "p99 ms", "max ms"),
          line("floor: publish to its own topic -> received (1 x " + ALONE + ")", floorAlone),
          line("upload request -> answer with the upload URL (1 x " + ALONE + ")", uploadsAlone),
          ratios(uploadsAlone, floorAlone),
          line("floor: publish to its own topic -> received (100 x 10)", floor),
          line("upload request -> answer with the upload URL (100 x 10)", uploads),
          ratios(uploads, floor));
      String table = String.join("\n", report);
      System.out.println(table);
      Path out = Path.of("target", "instrument-benchmark.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, table + "\n");
      assertThat(api.get("/groups/" + group + "/assets?limit=1", alice).json().path("items")).isNotEmpty();
    } finally {
      instruments.forEach(c -> c.client().close());
    }
  }

  private static Connected connected(HttpApi api, String token, String group, int n) throws Exception {
    Identity identity = Instruments.identity("bench-" + n);
    String csr = "-----BEGIN CERTIFICATE REQUEST-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(identity.csr().getEncoded())
        + "\n-----END CERTIFICATE REQUEST-----\n";
    HttpApi.Answer created = api.postJson("/instruments", token,
        Json.instance().write(Map.of("name", "Reader " + n, "serialNumber", "B-" + n, "csrPem", csr)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode answer = created.json();
    String id = answer.path("instrumentId").asText();
    HttpApi.Answer granted = api.send("PUT", "/groups/" + group + "/instruments/" + id, token, null, null);
    assertThat(granted.status()).as(granted.body()).isEqualTo(204);
    SSLContext tls = Instruments.tls(STACK.stack().ca().certificate(), identity.key(),
        Instruments.certificate(answer.path("certificatePem").asText()));
    Client client = new Client(STACK.stack().mqttEndpoint(), id, tls);
    Connected connected = new Connected(id, client);
    assertThat(client.subscribe(connected.topic("echo"))).isEqualTo(1);
    assertThat(client.subscribe(connected.topic("upload-responses"))).isEqualTo(1);
    return connected;
  }

  private static byte[] request(String requestId, String group) {
    byte[] file = ("bench " + requestId).getBytes(StandardCharsets.UTF_8);
    return Json.instance().write(Map.of("requestId", requestId, "groupId", group, "name", requestId + ".csv",
        "contentType", "text/csv", "sizeBytes", file.length, "sha256", Uploads.sha256(file)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Publishes and waits for the next message on {@code answerTopic}: nanoseconds. */
  private static long roundTrip(Connected c, String topic, byte[] payload, String answerTopic) throws Exception {
    long start = System.nanoTime();
    c.client().mqtt.publish(topic, payload, 1, false);
    Instruments.Received received = c.client().next(30);
    long took = System.nanoTime() - start;
    assertThat(received).as("an answer on " + answerTopic).isNotNull();
    assertThat(received.topic()).isEqualTo(answerTopic);
    assertThat(received.payload()).doesNotContain("\"error\"");
    return took;
  }

  interface Trip {
    long run(Connected c, int n) throws Exception;
  }

  /** Every instrument at once, each one trip after the other: every trip's nanoseconds, sorted. */
  private static long[] measureAll(List<Connected> instruments, int each, Trip trip) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(instruments.size());
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (Connected c : instruments) {
        futures.add(pool.submit(() -> {
          long[] times = new long[each];
          for (int n = 0; n < each; n++) {
            times[n] = trip.run(c, n);
          }
          return times;
        }));
      }
      long[] all = new long[instruments.size() * each];
      int i = 0;
      for (Future<long[]> f : futures) {
        for (long t : f.get()) {
          all[i++] = t;
        }
      }
      Arrays.sort(all);
      return all;
    } finally {
      pool.shutdownNow();
    }
  }


  private static String ratios(long[] measured, long[] floor) {
    return String.format("%-62s %8.2f %8.2f", "  ratio to the floor", Timings.percentileMillis(measured, 50) / Timings.percentileMillis(floor, 50),
        Timings.percentileMillis(measured, 99) / Timings.percentileMillis(floor, 99));
  }

  private static String line(String label, long[] sorted) {
    return String.format("%-62s %8.2f %8.2f %8.2f", label, Timings.percentileMillis(sorted, 50), Timings.percentileMillis(sorted, 99),
        sorted[sorted.length - 1] / 1e6);
  }
}
