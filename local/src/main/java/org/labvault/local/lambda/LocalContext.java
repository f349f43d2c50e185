package org.labvault.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import org.labvault.local.template.Model;
import org.labvault.shared.snapstart.FixedContext;

/** The Lambda context of one local invocation: its function's ARN, memory and deadline. */
final class LocalContext extends FixedContext {

  private static final LambdaLogger STDOUT =
      new LambdaLogger() {
        @Override
        public void log(String message) {
          System.out.print(message);
        }

        @Override
        public void log(byte[] message) {
          System.out.print(new String(message, StandardCharsets.UTF_8));
        }
      };

  private final Model.Function function;
  private final String functionArn;
  private final long deadlineMillis;

  LocalContext(Model.Function function, String requestId, String functionArn) {
    super(requestId, function.functionName(), function.timeoutSeconds() * 1000);
    this.function = function;
    this.functionArn = functionArn;
    this.deadlineMillis = System.currentTimeMillis() + function.timeoutSeconds() * 1000L;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getInvokedFunctionArn() {
    return functionArn;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return function.memoryMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return STDOUT;
  }
}
