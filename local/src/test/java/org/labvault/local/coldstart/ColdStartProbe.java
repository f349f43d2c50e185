package org.labvault.local.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.labvault.shared.snapstart.FixedContext;

/**
 * One cold start of one function, in a JVM of its own, as Lambda runs it: the handler's no-argument
 * constructor (INIT, reading the process environment), then the runtime's decoding of a sample event
 * (reported apart: in Lambda it is the runtime's work, not the function's), then the first invocation.
 * With {@code prime}, the handler's snapshot hook runs after INIT as SnapStart runs it before taking
 * the snapshot, and its restore hook before the first invocation. Warm invocations of the same event
 * follow. Prints one line {@code COLDSTART key=value ...} at the very end, after everything measured,
 * so that reading the counters costs the measurement nothing.
 *
 * <p>Runs on the function's own class path (the layer's jars and the function's jar) plus the
 * runtime's event serialization library; it uses nothing else.
 *
 * <p>Arguments: {@code handlerClass eventFile warmInvocations [prime]}.
 */
public final class ColdStartProbe {

  public static final String PREFIX = "COLDSTART ";

  private ColdStartProbe() {}

  public static void main(String[] args) throws Throwable {
    long mainAt = System.currentTimeMillis();
    String handlerClass = args[0];
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    int warm = Integer.parseInt(args[2]);
    boolean prime = args.length > 3 && args[3].equals("prime");

    long t0 = System.nanoTime();
    Object handler = Class.forName(handlerClass).getDeclaredConstructor().newInstance();
    long initNanos = System.nanoTime() - t0;
    Runtime rt = Runtime.getRuntime();
    long heapAfterInit = rt.totalMemory() - rt.freeMemory();

    long primeNanos = 0;
    if (prime) {
      long p0 = System.nanoTime();
      if (!(handler instanceof org.crac.Resource resource)) {
        throw new IllegalStateException(handlerClass + " has no snapshot hooks (org.crac.Resource)");
      }
      // what the runtime does around the snapshot: before it is taken, and in each restored copy
      resource.beforeCheckpoint(null);
      resource.afterRestore(null);
      primeNanos = System.nanoTime() - p0;
    }

    Invocation first = invoke(handler, event);
    long[] warmNanos = new long[warm];
    for (int i = 0; i < warm; i++) {
      warmNanos[i] = invoke(handler, event).invokeNanos;
    }
    Arrays.sort(warmNanos);

    long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    long vmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println(PREFIX
        + "vmToMainMs=" + (mainAt - vmStart)
        + " initNs=" + initNanos
        + " primeNs=" + primeNanos
        + " decodeNs=" + first.decodeNanos
        + " firstNs=" + first.invokeNanos
        + " warmP50Ns=" + (warm == 0 ? 0 : warmNanos[warm / 2])
        + " heapAfterInit=" + heapAfterInit
        + " classes=" + classes
        + " result=" + first.resultBytes);
    System.out.flush();
  }

  record Invocation(long decodeNanos, long invokeNanos, int resultBytes) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Invocation invoke(Object handler, byte[] event) throws Exception {
    Context context = new FixedContext("00000000-0000-4000-8000-000000000000",
        System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "coldstart"), 60_000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (handler instanceof RequestStreamHandler stream) {
      long t = System.nanoTime();
      stream.handleRequest(new ByteArrayInputStream(event), out, context);
      return new Invocation(0, System.nanoTime() - t, out.size());
    }
    long d = System.nanoTime();
    Object input = serializer(inputType(handler.getClass())).fromJson(new ByteArrayInputStream(event));
    long decode = System.nanoTime() - d;
    long t = System.nanoTime();
    Object output = ((RequestHandler) handler).handleRequest(input, context);
    long invoke = System.nanoTime() - t;
    if (output != null) {
      ((PojoSerializer) serializer(output.getClass())).toJson(output, out);
    }
    return new Invocation(decode, invoke, out.size());
  }

  private static <T> PojoSerializer<T> serializer(Class<T> type) {
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return LambdaEventSerializers.serializerFor(type, ColdStartProbe.class.getClassLoader());
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }

  private static Class<?> inputType(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Type iface : c.getGenericInterfaces()) {
        if (iface instanceof ParameterizedType p && p.getRawType() == RequestHandler.class
            && p.getActualTypeArguments()[0] instanceof Class<?> input) {
          return input;
        }
      }
    }
    return Object.class;
  }

  /** The floor: a whole JVM that does nothing but print. */
  public static final class HelloWorld {
    private HelloWorld() {}

    public static void main(String[] args) {
      System.out.println("hello, world");
    }
  }
}
