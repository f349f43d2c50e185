package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.coldstart.ColdStartProbe;
import org.labvault.local.template.Model;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Stacks;

/**
 * Cold start of every function of the template, each in a fresh JVM as Lambda starts it, against a
 * bare JVM's hello world in the same run: {@code ./mvnw -B verify -Pbench -pl local -Dit.test=ColdStartBenchmark}
 * (after {@code ./mvnw -B install -DskipTests}). A function's JVM gets the environment the local stack
 * gives it (so JAVA_TOOL_OPTIONS as the template sets it, and its store is the running stack's), and the
 * class path Lambda gives it: the layer's jars and the function's jar. It runs INIT (the no-argument
 * constructor) and one first invocation of a sample event from events/ that reads or writes its store
 * (see {@link ColdStartProbe}). Each function is measured three ways: as it is, with the class-data
 * archive a training run made for it, and primed (the SnapStart hooks run after INIT, then the first
 * real invocation is compared with warm ones). Medians of {@link #RUNS} JVMs. The table is printed and
 * written to {@code local/target/cold-start-benchmark.txt}; no timing fails it.
 */
class ColdStartBenchmark {

  @RegisterExtension static final StackExtension STACK = StackExtension.forBenchmark();
  static final int RUNS = Integer.getInteger("coldstart.runs", 3);
  static final int WARM = 20;

  /** The sample event each function's first invocation serves: one that touches its store. */
  static final Map<String, String> EVENTS = new LinkedHashMap<>();

  static {
    EVENTS.put("OpsFunction", "ops/health.json");
    EVENTS.put("GroupsFunction", "groups/get-group.json");
    EVENTS.put("PermissionsFunction", "permissions/check.json");
    EVENTS.put("AssetsFunction", "assets/get-asset.json");
    EVENTS.put("UploadEventsFunction", "uploadevents/object-created.json");
    EVENTS.put("DeletionFunction", "deletion/deletion-status.json");
    EVENTS.put("FanoutFunction", "fanout/asset-deleted.json");
    EVENTS.put("RenotifyFunction", "fanout/scheduled.json");
    EVENTS.put("BackupFunction", "backup/asset-available.json");
    EVENTS.put("BackupJobsFunction", "backup/job-verify.json");
    EVENTS.put("BackupOpsFunction", "backup/latest-report.json");
    EVENTS.put("AuditOpsFunction", "audit/read-audit.json");
    EVENTS.put("AuditDigestFunction", "audit/scheduled-digest.json");
    EVENTS.put("AuditMonitorFunction", "monitor/audit-record-inserted.json");
    EVENTS.put("AlarmOpsFunction", "monitor/read-alarms.json");
    EVENTS.put("InstrumentsFunction", "instruments/list-instruments.json");
    EVENTS.put("InstrumentIngestFunction", "instrumentingest/upload-request.json");
    EVENTS.put("SampleElnFunction", "sampleeln/notice.json");
    EVENTS.put("CanaryFunction", "canary/scheduled.json");
  }

  /** One JVM's figures, as the probe printed them (nanoseconds unless named otherwise). */
  record Sample(long wallMs, Map<String, Long> values) {
    long get(String key) {
      return values.get(key);
    }

    double ms(String key) {
      return get(key) / 1e6;
    }
  }

  Path root;
  Path work;
  Path probeJar;
  List<String> layer;
  String serialization;

  @Test
  void measure() throws Exception {
    root = Stacks.root();
    work = Files.createDirectories(root.resolve("local/target/coldstart"));
    probeJar = probeJar(work.resolve("probe.jar"));
    layer = layerClassPath();
    serialization = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(p -> p.contains("aws-lambda-java-serialization")).findFirst()
        .orElseThrow(() -> new IllegalStateException("the runtime's serialization library is not on the test class path"));
    boolean aotCache = Runtime.version().feature() >= 25;

    Map<String, Model.Function> functions = STACK.stack().model().functions();
    assertThat(EVENTS.keySet()).as("a sample event for every function of the template")
        .containsExactlyInAnyOrderElementsOf(functions.keySet());

    // the floor: a whole JVM printing hello world, with the options the template gives functions; one
    // before every function JVM, so each function is compared with JVMs started under the same load
    Map<String, String> floorEnv = Map.of("JAVA_TOOL_OPTIONS",
        STACK.stack().functionEnvironment("PermissionsFunction").get("JAVA_TOOL_OPTIONS"));
    for (int i = 0; i < 2; i++) {
      helloWorld(floorEnv); // the first JVMs warm the page cache
    }
    List<Long> allFloors = new ArrayList<>();

    List<String> rows = new ArrayList<>();
    rows.add(String.format("%-26s %6s %8s %8s %8s %8s %7s %7s %8s | %8s %7s | %8s %8s %8s %7s",
        "function", "floor", "INIT", "decode", "first", "classes", "heapMB", "ratio", "wall",
        "archive", "ratio", "INIT+pr", "first", "warm", "f/warm"));
    double worstPlain = 0, worstArchive = 0, worstPrimed = 0;
    for (var entry : EVENTS.entrySet()) {
      String id = entry.getKey();
      Model.Function function = functions.get(id);
      Path event = root.resolve("events").resolve(entry.getValue());
      List<String> classPath = new ArrayList<>(layer);
      classPath.add(functionJar(function).toString());
      classPath.add(serialization);
      classPath.add(probeJar.toString());
      Map<String, String> env = STACK.stack().functionEnvironment(id);

      List<Sample> plain = new ArrayList<>();
      long[] floors = new long[RUNS];
      for (int i = 0; i < RUNS; i++) {
        floors[i] = helloWorld(floorEnv);
        allFloors.add(floors[i]);
        plain.add(probe(classPath, env, List.of(), function.handlerClass(), event, 0, false));
      }
      // the training run that makes the function's class-data archive, then runs that use it
      Path archive = work.resolve(id + (aotCache ? ".aot" : ".jsa"));
      Files.deleteIfExists(archive);
      probe(classPath, env, List.of(aotCache ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive),
          function.handlerClass(), event, 3, false);
      List<String> useArchive = List.of(aotCache ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive);
      List<Sample> archived = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        archived.add(probe(classPath, env, useArchive, function.handlerClass(), event, 0, false));
      }
      List<Sample> primed = new ArrayList<>();
      boolean hooks = org.crac.Resource.class.isAssignableFrom(Class.forName(function.handlerClass()));
      for (int i = 0; i < (hooks ? RUNS : 0); i++) {
        primed.add(probe(classPath, env, List.of(), function.handlerClass(), event, WARM, true));
      }

      double floor = median(floors);
      double init = median(plain, "initNs"), first = median(plain, "firstNs");
      double ratio = (init + first) / floor;
      double aInit = median(archived, "initNs"), aFirst = median(archived, "firstNs");
      double aRatio = (aInit + aFirst) / floor;
      double pInit = hooks ? median(primed, "initNs") + median(primed, "primeNs") : Double.NaN;
      double pFirst = hooks ? median(primed, "firstNs") : Double.NaN;
      double pWarm = hooks ? median(primed, "warmP50Ns") : Double.NaN;
      worstPlain = Math.max(worstPlain, ratio);
      worstArchive = Math.max(worstArchive, aRatio);
      worstPrimed = hooks ? Math.max(worstPrimed, pFirst / pWarm) : Double.NaN;
      rows.add(String.format("%-26s %6.0f %8.0f %8.1f %8.0f %8d %7.1f %6.1fx %8.0f | %8.0f %6.1fx | %8.0f %8.2f %8.2f %6.1fx",
          id, floor, init, median(plain, "decodeNs"), first, (long) medianRaw(plain, "classes"),
          medianRaw(plain, "heapAfterInit") / 1048576.0, ratio, median(plain.stream().mapToLong(Sample::wallMs).toArray()),
          aInit + aFirst, aRatio, pInit, pFirst, pWarm, pFirst / pWarm));
    }
    rows.add(String.format("Worst: %.1fx without an archive (goal 6x), %.1fx with it (goal 3x); primed first invocation %.1fx a warm one (goal 2x)",
        worstPlain, worstArchive, worstPrimed));
    rows.add("Milliseconds. INIT: the handler's constructor; decode: the runtime's event decoding (not the function's);"
        + " floor: the hello worlds run beside the function's JVMs; first: the first invocation; ratio: (INIT + first) / floor; wall: the function JVM's whole process;"
        + " archive: INIT + first with the class-data archive (" + (aotCache ? "JDK AOT cache" : "AppCDS") + ");"
        + " INIT+pr: INIT and the snapshot hooks (what SnapStart keeps); first/warm: after priming, and the median of "
        + WARM + " warm invocations.");
    rows.add(0, String.format("Hello-world JVM (whole process, median of %d, one before each function JVM): %.0f ms; JDK %s; JAVA_TOOL_OPTIONS %s",
        allFloors.size(), median(allFloors.stream().mapToLong(Long::longValue).toArray()), Runtime.version(),
        floorEnv.get("JAVA_TOOL_OPTIONS")));
    String table = String.join("\n", rows);
    System.out.println(table);
    Files.writeString(root.resolve("local/target/cold-start-benchmark.txt"), table + "\n");
  }

  /** One hello-world JVM's whole run, in milliseconds. */
  long helloWorld(Map<String, String> env) throws Exception {
    long t = System.nanoTime();
    run(List.of(probeJar.toString()), env, List.of(), ColdStartProbe.HelloWorld.class.getName(), List.of(), true);
    return (System.nanoTime() - t) / 1_000_000;
  }

  Sample probe(List<String> classPath, Map<String, String> env, List<String> jvmOptions, String handler, Path event,
      int warm, boolean prime) throws Exception {
    List<String> args = new ArrayList<>(List.of(handler, event.toString(), String.valueOf(warm)));
    if (prime) {
      args.add("prime");
    }
    long t = System.nanoTime();
    String out = run(classPath, env, jvmOptions, ColdStartProbe.class.getName(), args, true);
    long wallMs = (System.nanoTime() - t) / 1_000_000;
    String line = out.lines().filter(l -> l.startsWith(ColdStartProbe.PREFIX)).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException(handler + " printed no figures:\n" + out));
    Map<String, Long> values = new HashMap<>();
    for (String pair : line.substring(ColdStartProbe.PREFIX.length()).split(" ")) {
      int eq = pair.indexOf('=');
      values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
    }
    return new Sample(wallMs, values);
  }

  /** Runs a JVM with exactly the given environment (plus PATH) and returns what it printed. */
  static String run(List<String> classPath, Map<String, String> env, List<String> jvmOptions, String main,
      List<String> args, boolean requireSuccess) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classPath));
    command.add(main);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (requireSuccess && exit != 0) {
      throw new IllegalStateException(main + " " + args + " exited " + exit + ":\n" + out);
    }
    return out;
  }

  /** The layer as Lambda mounts it: the shared library and every jar it needs at run time. */
  List<String> layerClassPath() throws IOException {
    Path file = root.resolve("layers/shared/target/layer.classpath");
    Path shared = root.resolve("layers/shared/target/labvault-shared.jar");
    if (!Files.exists(file) || !Files.exists(shared)) {
      throw new IllegalStateException("build the layer first: ./mvnw -B install -DskipTests");
    }
    List<String> jars = new ArrayList<>();
    jars.add(shared.toString());
    jars.addAll(Arrays.asList(Files.readString(file).trim().split(java.io.File.pathSeparator)));
    return jars;
  }

  /** The function's deployment jar (its own classes; the layer carries the rest). */
  Path functionJar(Model.Function function) {
    String module = function.handlerClass().split("\\.")[2];
    Path jar = root.resolve("functions").resolve(module).resolve("target").resolve("labvault-" + module + "-lambda.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first with ./mvnw -B install -DskipTests");
    }
    return jar;
  }

  /** The probe's classes in a jar of their own: class-data archives take classes from jars only. */
  static Path probeJar(Path jar) throws IOException {
    Path classes = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path dir = classes.resolve("org/labvault/local/coldstart");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
        Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        out.putNextEntry(new JarEntry("org/labvault/local/coldstart/" + p.getFileName()));
        try (InputStream in = Files.newInputStream(p)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return jar;
  }

  static double median(List<Sample> samples, String key) {
    return medianRaw(samples, key) / 1e6;
  }

  static double medianRaw(List<Sample> samples, String key) {
    return median(samples.stream().mapToLong(s -> s.get(key)).toArray());
  }

  static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
