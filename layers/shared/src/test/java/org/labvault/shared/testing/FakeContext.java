package org.labvault.shared.testing;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import org.labvault.shared.snapstart.FixedContext;

/** A Lambda context for handler tests; what the function logs through it goes to stdout. */
public final class FakeContext extends FixedContext {

  public FakeContext() {
    super("test-request", "test-function", 10_000);
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.out.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
