package org.labvault.local;

import java.util.concurrent.CountDownLatch;
import org.labvault.local.template.TemplateException;

/** {@code java -jar local/target/labvault-local.jar [options]}: runs the stack until stopped. */
public final class LocalStackMain {

  private LocalStackMain() {}

  /** The stack's own logging setup; set before anything logs. */
  static final String LOG_CONFIG = "log4j2-local.xml";

  public static void main(String[] args) throws InterruptedException {
    System.setProperty("log4j2.configurationFile", LOG_CONFIG);
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
