package org.labvault.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.labvault.local.template.Model;

/**
 * Runs one function of the template like Lambda does: its handler class built with the environment
 * its template entry declares, events (de)serialized by the Lambda runtime's own serializers, one
 * invocation per instance at a time (more instances when calls overlap), the template's timeout.
 *
 * <p>Handlers take their environment through a public {@code (Map<String, String>)} constructor;
 * their no-argument constructor, which Lambda calls, passes {@code System.getenv()} to it.
 */
public final class FunctionHost implements AutoCloseable {

  private final Model.Function function;
  private final Map<String, String> environment;
  private final String functionArn;
  private final Class<?> handlerClass;
  private final Constructor<?> constructor;
  private final ConcurrentLinkedDeque<Object> idle = new ConcurrentLinkedDeque<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("function", 0).factory());

  public FunctionHost(Model.Function function, Map<String, String> environment, String functionArn) {
    this.function = function;
    this.environment = Map.copyOf(environment);
    this.functionArn = functionArn;
    try {
      this.handlerClass = Class.forName(function.handlerClass());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(function.logicalId() + ": handler class " + function.handlerClass() + " not found");
    }
    if (!RequestHandler.class.isAssignableFrom(handlerClass) && !RequestStreamHandler.class.isAssignableFrom(handlerClass)) {
      throw new IllegalStateException(function.logicalId() + ": " + function.handlerClass()
          + " implements neither RequestHandler nor RequestStreamHandler");
    }
    if (!function.handlerMethod().equals("handleRequest")) {
      throw new IllegalStateException(function.logicalId() + ": only handleRequest methods are run locally");
    }
    try {
      this.constructor = handlerClass.getConstructor(Map.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(function.logicalId() + ": " + function.handlerClass()
          + " needs a public constructor taking the environment map");
    }
  }

  public Model.Function function() {
    return function;
  }

  /** The environment the function's execution environments get. */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * The ARN its callers invoke: the alias's when the template publishes one (invoking the alias
   * invokes this host; there are no versions locally), else the unqualified one.
   */
  public String functionArn() {
    return functionArn;
  }

  /** Builds one instance now (Lambda's INIT), so a broken function fails at stack start. */
  public void warmUp() throws FunctionError {
    idle.push(newInstance());
  }

  /**
   * Invokes the function once.
   *
   * @param event the event JSON, as Lambda would receive it
   * @return the function's result JSON
   * @throws FunctionError when it throws, times out or cannot start
   */
  public byte[] invoke(byte[] event, String requestId) throws FunctionError {
    Object instance = idle.poll();
    if (instance == null) {
      instance = newInstance();
    }
    final Object handler = instance;
    LocalContext context = new LocalContext(function, requestId, functionArn);
    Future<byte[]> call = threads.submit(() -> call(handler, event, context));
    try {
      byte[] result = call.get(function.timeoutSeconds(), TimeUnit.SECONDS);
      idle.push(handler);
      return result;
    } catch (TimeoutException e) {
      call.cancel(true); // the instance is dropped, as Lambda drops a timed-out environment
      throw new FunctionError("Sandbox.Timedout",
          String.format("Task timed out after %d.00 seconds", function.timeoutSeconds()), null);
    } catch (ExecutionException e) {
      idle.push(handler);
      Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
      throw new FunctionError(cause.getClass().getName(), String.valueOf(cause.getMessage()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FunctionError("Interrupted", "the invocation was interrupted", e);
    }
  }

  private Object newInstance() throws FunctionError {
    try {
      return constructor.newInstance(environment);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new FunctionError("Runtime.InitError", function.logicalId() + " failed to initialise: " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new FunctionError("Runtime.InitError", function.logicalId() + " cannot be built: " + e, e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private byte[] call(Object handler, byte[] event, LocalContext context) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (handler instanceof RequestStreamHandler stream) {
      stream.handleRequest(new ByteArrayInputStream(event), out, context);
      return out.toByteArray();
    }
    Class<?> inputType = inputType(handlerClass).orElse(Object.class);
    Object input = serializer(inputType).fromJson(new ByteArrayInputStream(event));
    Object output = ((RequestHandler) handler).handleRequest(input, context);
    if (output == null) {
      return "null".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    ((PojoSerializer) serializer(output.getClass())).toJson(output, out);
    return out.toByteArray();
  }

  /**
   * The runtime's serializer of {@code type}, built once: building one copies a Jackson mapper,
   * registers modules and probes the class path, which cost more than the decoding itself.
   */
  @SuppressWarnings("unchecked")
  private static <T> PojoSerializer<T> serializer(Class<T> type) {
    return (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type, t -> {
      if (LambdaEventSerializers.isLambdaSupportedEvent(t.getName())) {
        return LambdaEventSerializers.serializerFor(t, FunctionHost.class.getClassLoader());
      }
      return JacksonFactory.getInstance().getSerializer(t);
    });
  }

  private static final ConcurrentHashMap<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

  /** The I of {@code RequestHandler<I, O>}, wherever in the hierarchy it is bound. */
  static Optional<Class<?>> inputType(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Type iface : c.getGenericInterfaces()) {
        if (iface instanceof ParameterizedType p && p.getRawType() == RequestHandler.class
            && p.getActualTypeArguments()[0] instanceof Class<?> input) {
          return Optional.of(input);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    threads.shutdownNow();
    idle.clear();
  }
}
