package org.labvault.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack's flags.
 *
 * @param port the HTTP API port on 127.0.0.1 (0: any free port)
 * @param mqttPort the MQTT port reserved for the instruments' broker
 * @param s3Port the S3 server's port (0: the one it had last time in this state directory, if free)
 * @param dynamoDbPort DynamoDB's port (0: the one it had last time in this state directory, if free)
 * @param sqsPort SQS's port (0: the one it had last time in this state directory, if free)
 * @param stateDir where state is kept
 * @param fresh wipe the state first
 * @param template the SAM template to run
 * @param parameterOverrides template parameter values that replace their defaults
 */
public record StackOptions(
    int port,
    int mqttPort,
    int s3Port,
    int dynamoDbPort,
    int sqsPort,
    Path stateDir,
    boolean fresh,
    Path template,
    Map<String, String> parameterOverrides) {

  public static final int DEFAULT_PORT = 3000;
  public static final int DEFAULT_MQTT_PORT = 8883;
  public static final String DEFAULT_STATE_DIR = ".labvault-local";

  static final String USAGE = """
      Usage: java -jar local/target/labvault-local.jar [options]
        --port N          HTTP API port on 127.0.0.1 (default 3000)
        --mqtt-port N     MQTT port for instruments (default 8883)
        --s3-port N       S3 port (default: the last one used with this state directory, else any free one)
        --dynamodb-port N DynamoDB port (default: the last one used with this state directory, else any free one)
        --sqs-port N      SQS port (default: the last one used with this state directory, else any free one)
        --state-dir DIR   where tables, objects and keys are kept (default .labvault-local)
        --fresh           wipe the state directory first
        --template FILE   the SAM template to run (default template.yaml)
        --parameter-overrides Key=Value [Key=Value ...]
                          template parameters, as sam takes them (e.g. Stage=test)
        --help            show this text""";

  public StackOptions {
    parameterOverrides = Map.copyOf(parameterOverrides);
  }

  /** A flag the stack does not know, or a bad value. */
  public static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  public static StackOptions defaults() {
    return new StackOptions(DEFAULT_PORT, DEFAULT_MQTT_PORT, 0, 0, 0, Path.of(DEFAULT_STATE_DIR), false,
        Path.of("template.yaml"), Map.of());
  }

  public StackOptions withPort(int newPort) {
    return new StackOptions(newPort, mqttPort, s3Port, dynamoDbPort, sqsPort, stateDir, fresh, template, parameterOverrides);
  }

  public StackOptions withMqttPort(int newPort) {
    return new StackOptions(port, newPort, s3Port, dynamoDbPort, sqsPort, stateDir, fresh, template, parameterOverrides);
  }

  public StackOptions withS3Port(int newPort) {
    return new StackOptions(port, mqttPort, newPort, dynamoDbPort, sqsPort, stateDir, fresh, template, parameterOverrides);
  }

  public StackOptions withDynamoDbPort(int newPort) {
    return new StackOptions(port, mqttPort, s3Port, newPort, sqsPort, stateDir, fresh, template, parameterOverrides);
  }

  public StackOptions withSqsPort(int newPort) {
    return new StackOptions(port, mqttPort, s3Port, dynamoDbPort, newPort, stateDir, fresh, template, parameterOverrides);
  }

  public StackOptions withStateDir(Path dir) {
    return new StackOptions(port, mqttPort, s3Port, dynamoDbPort, sqsPort, dir, fresh, template, parameterOverrides);
  }

  public StackOptions withFresh(boolean wipe) {
    return new StackOptions(port, mqttPort, s3Port, dynamoDbPort, sqsPort, stateDir, wipe, template, parameterOverrides);
  }

  public StackOptions withTemplate(Path file) {
    return new StackOptions(port, mqttPort, s3Port, dynamoDbPort, sqsPort, stateDir, fresh, file, parameterOverrides);
  }

  public StackOptions withParameterOverrides(Map<String, String> overrides) {
    return new StackOptions(port, mqttPort, s3Port, dynamoDbPort, sqsPort, stateDir, fresh, template, overrides);
  }

  static StackOptions parse(String... args) throws UsageException {
    StackOptions options = defaults();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--port" -> options = options.withPort(port(flag, value(args, ++i, flag)));
        case "--mqtt-port" -> options = options.withMqttPort(port(flag, value(args, ++i, flag)));
        case "--s3-port" -> options = options.withS3Port(port(flag, value(args, ++i, flag)));
        case "--dynamodb-port" -> options = options.withDynamoDbPort(port(flag, value(args, ++i, flag)));
        case "--sqs-port" -> options = options.withSqsPort(port(flag, value(args, ++i, flag)));
        case "--state-dir" -> options = options.withStateDir(Path.of(value(args, ++i, flag)));
        case "--template" -> options = options.withTemplate(Path.of(value(args, ++i, flag)));
        case "--fresh" -> options = options.withFresh(true);
        case "--parameter-overrides" -> {
          Map<String, String> overrides = new LinkedHashMap<>(options.parameterOverrides);
          value(args, i + 1, flag);
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            overrides.putAll(parameters(args[++i]));
          }
          options = options.withParameterOverrides(overrides);
        }
        default -> throw new UsageException("unknown option " + flag);
      }
    }
    return options;
  }

  /**
   * {@code Key=Value} pairs as sam takes them: one per argument, or several in one argument
   * separated by spaces; a value in quotes may hold spaces ({@code Name='a b'}).
   */
  static Map<String, String> parameters(String arg) throws UsageException {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : words(arg)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--parameter-overrides takes Key=Value pairs, not " + pair);
      }
      pairs.put(pair.substring(0, eq), unquoted(pair.substring(eq + 1)));
    }
    return pairs;
  }

  /** Splits on spaces outside quotes, keeping the quotes (removed from values afterwards). */
  private static List<String> words(String arg) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (char c : arg.toCharArray()) {
      if (quote == 0 && Character.isWhitespace(c)) {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = quote == 0 ? c : quote == c ? 0 : quote;
      }
      word.append(c);
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words;
  }

  private static String unquoted(String value) {
    boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0);
    return quoted ? value.substring(1, value.length() - 1) : value;
  }

  private static String value(String[] args, int i, String flag) throws UsageException {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(flag + " needs a value");
    }
    return args[i];
  }

  private static int port(String flag, String value) throws UsageException {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(flag + " must be a port number from 0 to 65535, not " + value);
  }
}
