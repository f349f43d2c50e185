package org.labvault.local;

import java.nio.file.Path;

/**
 * The local stack's flags.
 *
 * @param port the HTTP API port on 127.0.0.1 (0: any free port)
 * @param mqttPort the MQTT port reserved for the instruments' broker
 * @param stateDir where state is kept
 * @param fresh wipe the state first
 * @param template the SAM template to run
 */
public record StackOptions(int port, int mqttPort, Path stateDir, boolean fresh, Path template) {

  public static final int DEFAULT_PORT = 3000;
  public static final int DEFAULT_MQTT_PORT = 8883;
  public static final String DEFAULT_STATE_DIR = ".labvault-local";

  static final String USAGE = """
      Usage: java -jar local/target/labvault-local.jar [options]
        --port N          HTTP API port on 127.0.0.1 (default 3000)
        --mqtt-port N     MQTT port for instruments (default 8883)
        --state-dir DIR   where tables, objects and keys are kept (default .labvault-local)
        --fresh           wipe the state directory first
        --template FILE   the SAM template to run (default template.yaml)
        --help            show this text""";

  /** A flag the stack does not know, or a bad value. */
  public static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  public static StackOptions defaults() {
    return new StackOptions(DEFAULT_PORT, DEFAULT_MQTT_PORT, Path.of(DEFAULT_STATE_DIR), false, Path.of("template.yaml"));
  }

  public StackOptions withPort(int newPort) {
    return new StackOptions(newPort, mqttPort, stateDir, fresh, template);
  }

  public StackOptions withStateDir(Path dir) {
    return new StackOptions(port, mqttPort, dir, fresh, template);
  }

  public StackOptions withFresh(boolean wipe) {
    return new StackOptions(port, mqttPort, stateDir, wipe, template);
  }

  public StackOptions withTemplate(Path file) {
    return new StackOptions(port, mqttPort, stateDir, fresh, file);
  }

  static StackOptions parse(String... args) throws UsageException {
    StackOptions options = defaults();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--port" -> options = options.withPort(port(flag, value(args, ++i, flag)));
        case "--mqtt-port" -> options = new StackOptions(options.port, port(flag, value(args, ++i, flag)),
            options.stateDir, options.fresh, options.template);
        case "--state-dir" -> options = options.withStateDir(Path.of(value(args, ++i, flag)));
        case "--template" -> options = options.withTemplate(Path.of(value(args, ++i, flag)));
        case "--fresh" -> options = options.withFresh(true);
        default -> throw new UsageException("unknown option " + flag);
      }
    }
    return options;
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
