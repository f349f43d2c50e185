package org.labvault.shared.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

class JsonLoggingTest {

  private static final long NOW = 1_700_000_000_123L;
  private static final String OWN = "org.labvault.shared.http.Router";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final BasicMDCAdapter mdc = new BasicMDCAdapter();

  @AfterEach
  void clearMdc() {
    mdc.clear();
  }

  private JsonLoggerFactory factory(LogLevels levels) {
    return new JsonLoggerFactory(levels, new JsonLineWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> NOW), mdc);
  }

  private Logger logger(String name) {
    return factory(LogLevels.of(null, null, null)).getLogger(name);
  }

  private List<String> lines() {
    String all = bytes.toString(StandardCharsets.UTF_8);
    if (all.isEmpty()) {
      return List.of();
    }
    assertThat(all).endsWith("\n");
    return List.of(all.split("\n", -1)).subList(0, all.split("\n", -1).length - 1);
  }

  private JsonNode onlyLine() {
    List<String> lines = lines();
    assertThat(lines).hasSize(1);
    return parse(lines.getFirst());
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + line, e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void aMessageWithArguments_isOneJsonLineWithTheFixedFields() {
    logger(OWN).info("asset {} deleted by {}", "a-1", 42);

    JsonNode line = onlyLine();
    assertThat(fieldNames(line)).containsExactly("timestamp", "level", "logger", "message");
    assertThat(line.get("timestamp").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("logger").asText()).isEqualTo(OWN);
    assertThat(line.get("message").asText()).isEqualTo("asset a-1 deleted by 42");
  }

  @Test
  void theMdc_isWrittenAsFields_andAClearedMdcLeavesNothing() {
    Logger log = logger(OWN);
    mdc.put("requestId", "req-1");
    mdc.put("route", "DELETE /assets/{assetId}");
    mdc.put("function", "AssetsFunction");
    mdc.put("principal", "alice");
    log.warn("inside");
    mdc.clear();
    log.warn("after");

    List<String> lines = lines();
    assertThat(lines).hasSize(2);
    JsonNode inside = parse(lines.get(0));
    assertThat(inside.get("requestId").asText()).isEqualTo("req-1");
    assertThat(inside.get("route").asText()).isEqualTo("DELETE /assets/{assetId}");
    assertThat(inside.get("function").asText()).isEqualTo("AssetsFunction");
    assertThat(inside.get("principal").asText()).isEqualTo("alice");
    assertThat(fieldNames(parse(lines.get(1)))).containsExactly("timestamp", "level", "logger", "message");
    assertThat(mdc.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void fluentKeyValues_keepTheirJsonTypes() {
    logger(OWN).atInfo()
        .addKeyValue("status", 403)
        .addKeyValue("latencyMs", 12L)
        .addKeyValue("ratio", 0.5)
        .addKeyValue("ok", true)
        .addKeyValue("code", "FORBIDDEN")
        .addKeyValue("role", Level.WARN)
        .addKeyValue("nothing", (Object) null)
        .addKeyValue("notANumber", Double.NaN)
        .log("Request handled");

    String raw = lines().getFirst();
    assertThat(raw).contains("\"status\":403,", "\"latencyMs\":12,", "\"ratio\":0.5,", "\"ok\":true,",
        "\"code\":\"FORBIDDEN\"", "\"role\":\"WARN\"", "\"nothing\":null", "\"notANumber\":\"NaN\"");
    JsonNode line = parse(raw);
    assertThat(line.get("message").asText()).isEqualTo("Request handled");
    assertThat(line.get("status").isInt()).isTrue();
    assertThat(line.get("latencyMs").isIntegralNumber()).isTrue();
    assertThat(line.get("ok").isBoolean()).isTrue();
    assertThat(line.get("code").isTextual()).isTrue();
  }

  @Test
  void fluentKeyValues_winOverAnMdcEntryOfTheSameName_andNeverReplaceTheFixedFields() {
    mdc.put("requestId", "from-mdc");
    logger(OWN).atInfo().addKeyValue("requestId", "from-event").addKeyValue("message", "sneaky").log("real {}", 1);

    String raw = lines().getFirst();
    assertThat(raw).containsOnlyOnce("\"requestId\"").containsOnlyOnce("\"message\"");
    JsonNode line = parse(raw);
    assertThat(line.get("requestId").asText()).isEqualTo("from-event");
    assertThat(line.get("message").asText()).isEqualTo("real 1");
  }

  @Test
  void anExceptionWithItsCause_givesTypeMessageAndTheWholeTrace() {
    var cause = new IOException("disk gone");
    logger(OWN).error("backup {} failed", "b-7", new IllegalStateException("copy failed", cause));

    JsonNode line = onlyLine();
    assertThat(line.get("message").asText()).isEqualTo("backup b-7 failed");
    assertThat(line.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.get("errorMessage").asText()).isEqualTo("copy failed");
    JsonNode trace = line.get("stackTrace");
    assertThat(trace.isArray()).isTrue();
    List<String> frames = new ArrayList<>();
    trace.forEach(f -> frames.add(f.asText()));
    assertThat(frames.getFirst()).isEqualTo("java.lang.IllegalStateException: copy failed");
    assertThat(frames).contains("Caused by: java.io.IOException: disk gone");
    assertThat(frames.get(1)).startsWith("\tat org.labvault.shared.log.JsonLoggingTest.");
    assertThat(frames.indexOf("Caused by: java.io.IOException: disk gone")).isGreaterThan(1);
  }

  @Test
  void theFluentCause_andACauseThatLoopsBack_areWrittenOnce() {
    var first = new RuntimeException("first");
    var second = new IllegalArgumentException("second", first);
    first.initCause(second);
    logger(OWN).atWarn().addKeyValue("dependency", "table").setCause(second).log("Dependency check failed");

    JsonNode line = onlyLine();
    assertThat(line.get("dependency").asText()).isEqualTo("table");
    assertThat(line.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
    List<String> headers = new ArrayList<>();
    line.get("stackTrace").forEach(f -> {
      if (!f.asText().startsWith("\tat ")) {
        headers.add(f.asText());
      }
    });
    assertThat(headers).containsExactly("java.lang.IllegalArgumentException: second",
        "Caused by: java.lang.RuntimeException: first");
  }

  @Test
  void stringsAreEscaped_andTheLineEndsOnlyOnce() {
    String nasty = "say \"hi\" \\ path\nnext\rline\ttab \u0001\u001f \u2028\u2029 é 😀";
    mdc.put("principal", "a\"b");
    logger(OWN).info("{}", nasty);

    String all = bytes.toString(StandardCharsets.UTF_8);
    assertThat(all.indexOf('\n')).isEqualTo(all.length() - 1);
    String raw = lines().getFirst();
    assertThat(raw).contains("say \\\"hi\\\" \\\\ path\\nnext\\rline\\ttab \\u0001\\u001f \\u2028\\u2029 é 😀");
    assertThat(raw).contains("\"principal\":\"a\\\"b\"");
    assertThat(raw.chars().filter(c -> c < 0x20 || c == 0x2028 || c == 0x2029)).isEmpty();
    assertThat(parse(raw).get("message").asText()).isEqualTo(nasty);
  }

  @Test
  void levels_followLogLevel_thenTheLambdaLevel_thenInfo() {
    assertThat(LogLevels.of("DEBUG", "ERROR", null).thresholdFor(OWN)).isEqualTo(Level.DEBUG.toInt());
    assertThat(LogLevels.of(null, "ERROR", null).thresholdFor(OWN)).isEqualTo(Level.ERROR.toInt());
    assertThat(LogLevels.of(" trace ", null, null).thresholdFor(OWN)).isEqualTo(Level.TRACE.toInt());
    assertThat(LogLevels.of("loud", "WARN", null).thresholdFor(OWN)).isEqualTo(Level.WARN.toInt());
    assertThat(LogLevels.of(null, "FATAL", null).thresholdFor(OWN)).isEqualTo(Level.ERROR.toInt());
    assertThat(LogLevels.of(null, null, null).thresholdFor(OWN)).isEqualTo(Level.INFO.toInt());
    assertThat(LogLevels.of(null, null, null).thresholdFor("org.labvault")).isEqualTo(Level.INFO.toInt());
  }

  @Test
  void otherLoggers_stayAtWarn_whateverLogLevelSays() {
    LogLevels levels = LogLevels.of("TRACE", null, null);
    assertThat(levels.thresholdFor("software.amazon.awssdk.request")).isEqualTo(Level.WARN.toInt());
    assertThat(levels.thresholdFor("org.labvaultish.Thing")).isEqualTo(Level.WARN.toInt());
    assertThat(levels.thresholdFor(null)).isEqualTo(Level.WARN.toInt());

    JsonLoggerFactory loggers = factory(levels);
    Logger sdk = loggers.getLogger("software.amazon.awssdk.request");
    assertThat(sdk.isInfoEnabled()).isFalse();
    assertThat(sdk.isWarnEnabled()).isTrue();
    sdk.info("chatter");
    sdk.atInfo().addKeyValue("k", 1).log("fluent chatter");
    sdk.warn("worth a line");
    assertThat(lines()).hasSize(1);
    assertThat(parse(lines().getFirst()).get("message").asText()).isEqualTo("worth a line");
    assertThat(loggers.getLogger(OWN).isTraceEnabled()).isTrue();
  }

  @Test
  void eventsBelowTheThreshold_writeNothing() {
    Logger log = factory(LogLevels.of("WARN", null, null)).getLogger(OWN);
    assertThat(log.isInfoEnabled()).isFalse();
    log.debug("no");
    log.info("no {}", 1);
    log.atInfo().addKeyValue("k", "v").log("no");
    log.error("yes");
    assertThat(lines()).hasSize(1);
    assertThat(parse(lines().getFirst()).get("level").asText()).isEqualTo("ERROR");
  }

  @Test
  void overrides_pickTheLongestPrefix_andIgnoreMalformedPairs() {
    LogLevels levels = LogLevels.of(null, null, "org.gaul.s3proxy=ERROR, com.hivemq=INFO,com.hivemq.x=OFF,broken,=DEBUG,a=LOUD");
    assertThat(levels.thresholdFor("org.gaul.s3proxy.S3ProxyHandler")).isEqualTo(Level.ERROR.toInt());
    assertThat(levels.thresholdFor("com.hivemq.Broker")).isEqualTo(Level.INFO.toInt());
    assertThat(levels.thresholdFor("com.hivemq.x.Y")).isEqualTo(LogLevels.OFF);
    assertThat(levels.thresholdFor("a.b")).isEqualTo(Level.WARN.toInt());
    assertThat(levels.thresholdFor(OWN)).isEqualTo(Level.INFO.toInt());
    assertThat(LogLevels.of(null, null, "org.gaul.s3proxy=DEBUG,org.gaul.s3proxy=ERROR")
        .thresholdFor("org.gaul.s3proxy.S3Proxy")).as("of equal prefixes the first").isEqualTo(Level.DEBUG.toInt());
  }

  @Test
  void levelChecks_doNotAllocate() {
    Logger log = logger(OWN);
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    boolean any = false;
    for (int i = 0; i < 10_000; i++) { // warm up, so that the measurement sees no class loading
      any |= log.isInfoEnabled() | log.isDebugEnabled();
    }
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 1_000_000; i++) {
      any |= log.isInfoEnabled() | log.isDebugEnabled();
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(any).isTrue();
    // one object per check would be 32 MB; the JIT's own bookkeeping stays in the kilobytes
    assertThat(allocated).as("bytes allocated by 2,000,000 level checks").isLessThan(100_000);
  }

  @Test
  void concurrentThreads_writeWholeLines() throws Exception {
    Logger log = logger(OWN);
    int threads = 8;
    int perThread = 400;
    String filler = "x".repeat(3_000); // longer than a stream buffer
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            log.atInfo().addKeyValue("thread", thread).addKeyValue("i", i).log("{} {}", filler, thread);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> lines = lines();
    assertThat(lines).hasSize(threads * perThread);
    for (String raw : lines) {
      JsonNode line = parse(raw);
      assertThat(line.get("message").asText()).isEqualTo(filler + " " + line.get("thread").asInt());
    }
  }

  @Test
  void timestamps_matchJavaTime_acrossLeapYearsAndTheEpoch() {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    List<Long> samples = new ArrayList<>(List.of(0L, -1L, 951_782_400_000L /* 2000-02-29 */,
        4_107_542_400_000L /* 2100-03-01 */, 253_402_300_799_999L /* 9999-12-31T23:59:59.999 */,
        -2_208_988_800_000L /* 1900-01-01 */));
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      samples.add(random.nextLong(-2_208_988_800_000L, 7_258_118_400_000L));
    }
    for (long millis : samples) {
      StringBuilder b = new StringBuilder();
      JsonLineWriter.appendTimestamp(b, millis);
      assertThat(b.toString()).as("%d", millis).isEqualTo(iso.format(Instant.ofEpochMilli(millis)));
    }
  }

  @Test
  void slf4j_findsThisProvider_andItsMdc() {
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(JsonLoggerFactory.class);
    assertThat(LoggerFactory.getLogger(OWN)).isInstanceOf(JsonLogger.class);
    assertThat(MDC.getMDCAdapter()).isInstanceOf(BasicMDCAdapter.class);
  }
}
