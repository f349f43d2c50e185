package org.labvault.dynamodb.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.labvault.dynamodb.DynamoDb;

/**
 * Runs the engine as a stand-alone DynamoDB endpoint on 127.0.0.1.
 *
 * <pre>
 * --port N          TCP port (default 8000, 0 for any free port)
 * --host H          address to listen on (default 127.0.0.1)
 * --dir DIR         keep the tables in files under DIR (default: memory only)
 * --access-key K    with --secret-key: require requests signed with this key
 * --secret-key S
 * </pre>
 *
 * Prints {@code DynamoDB engine ready: http://127.0.0.1:<port>} once listening, and on SIGTERM or
 * Ctrl-C closes the server, then the engine.
 */
public final class DynamoDbMain {

  static final int DEFAULT_PORT = 8000;
  static final String USAGE = "usage: DynamoDbMain [--port N] [--host H] [--dir DIR] [--access-key K --secret-key S]";

  private DynamoDbMain() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(USAGE);
      return;
    }
    Running running;
    try {
      running = start(options);
    } catch (RuntimeException e) {
      System.err.println("DynamoDB engine failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "dynamodb-shutdown"));
    running.announce(System.out);
    running.awaitClose();
  }

  /** The parsed command line. */
  record Options(String host, int port, Path dir, Credentials credentials, boolean help) {

    static Options parse(String[] args) {
      String host = ServerOptions.DEFAULT_HOST;
      int port = DEFAULT_PORT;
      Path dir = null;
      String accessKey = null;
      String secretKey = null;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--help", "-h" -> help = true;
          case "--port" -> {
            String value = value(args, ++i, arg);
            try {
              port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--port needs a number, got '" + value + "'");
            }
            if (port < 0 || port > 65535) {
              throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
            }
          }
          case "--host" -> host = value(args, ++i, arg);
          case "--dir" -> dir = Path.of(value(args, ++i, arg));
          case "--access-key" -> accessKey = value(args, ++i, arg);
          case "--secret-key" -> secretKey = value(args, ++i, arg);
          default -> throw new IllegalArgumentException("unknown argument: " + arg);
        }
      }
      if ((accessKey == null) != (secretKey == null)) {
        throw new IllegalArgumentException("--access-key and --secret-key go together");
      }
      Credentials credentials = accessKey == null ? null : new Credentials(accessKey, secretKey);
      return new Options(host, port, dir, credentials, help);
    }

    private static String value(String[] args, int i, String name) {
      if (i >= args.length || args[i].startsWith("--")) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      return args[i];
    }
  }

  /** A started engine and server; closing stops the server, then the engine. */
  static final class Running implements AutoCloseable {
    private final DynamoDb engine;
    private final DynamoDbServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    Running(DynamoDb engine, DynamoDbServer server) {
      this.engine = engine;
      this.server = server;
    }

    DynamoDbServer server() {
      return server;
    }

    /** Prints the one line that tells scripts the endpoint is listening. */
    void announce(PrintStream out) {
      out.println("DynamoDB engine ready: " + server.endpoint());
      out.flush();
    }

    void awaitClose() {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      try {
        server.close();
      } finally {
        try {
          engine.close();
        } finally {
          done.countDown();
        }
      }
    }
  }

  static Running start(Options options) {
    DynamoDb engine = options.dir() == null ? DynamoDb.inMemory() : DynamoDb.open(options.dir());
    DynamoDbServer server;
    try {
      server = DynamoDbServer.start(engine, new ServerOptions(options.host(), options.port(), options.credentials()));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return new Running(engine, server);
  }
}
