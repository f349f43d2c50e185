package org.labvault.local;

import java.util.concurrent.CountDownLatch;
import org.labvault.local.template.TemplateException;
import org.labvault.shared.log.LogLevels;

/** {@code java -jar local/target/labvault-local.jar [options]}: runs the stack until stopped. */
public final class LocalStackMain {

  private LocalStackMain() {}

  /**
   * The stack logs through the layer's JSON provider like the functions do; on top of its defaults
   * (LabVault at LOG_LEVEL, the engines at WARN) s3proxy's warnings are silenced. Set before anything
   * logs, since a logger's level is fixed when it is created; prefixes given with
   * {@code -Dlabvault.log.levels=...} come first, so they win over this one for the same prefix.
   */
  static final String LOG_LEVELS = "org.gaul.s3proxy=ERROR";

  public static void main(String[] args) throws InterruptedException {
    String given = System.getProperty(LogLevels.OVERRIDES_PROPERTY);
    System.setProperty(LogLevels.OVERRIDES_PROPERTY, given == null ? LOG_LEVELS : given + "," + LOG_LEVELS);
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(StackOptions.USAGE);
      return;
    }
    StackOptions options;
    try {
      options = StackOptions.parse(args);
    } catch (StackOptions.UsageException e) {
      System.err.println(e.getMessage());
      System.err.println(StackOptions.USAGE);
      System.exit(2);
      return;
    }
    LocalStack stack;
    try {
      stack = LocalStack.start(options);
    } catch (StackOptions.UsageException e) {
      System.err.println(e.getMessage());
      System.err.println(StackOptions.USAGE);
      System.exit(2);
      return;
    } catch (TemplateException | PortInUseException e) {
      System.err.println("LabVault local stack did not start: " + e.getMessage());
      System.exit(1);
      return;
    } catch (Exception e) {
      System.err.println("LabVault local stack did not start: " + e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      System.out.println("LabVault local stack stopped");
      stopped.countDown();
    }, "labvault-shutdown"));
    if (!stack.persistent()) {
      System.out.println("Note: this stack is EPHEMERAL: tables, objects, queues and topics are kept in memory only, because "
          + stack.stateDir() + " cannot hold them (" + stack.ephemeralReason() + ").");
    }
    stack.model().notes().forEach(note -> System.out.println("Note: " + note));
    System.out.println(LocalStack.READY + stack.api());
    System.out.flush();
    stopped.await();
  }
}
