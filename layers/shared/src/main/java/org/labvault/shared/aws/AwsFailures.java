package org.labvault.shared.aws;

import java.util.Locale;
import java.util.Map;
import org.labvault.shared.error.AppException;
import org.labvault.shared.error.UnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * SDK failures the client should hear about as "try again": a dependency that did not answer
 * (after the SDK's own retries) or that throttles or fails on its side is a 503, not a 500.
 */
public final class AwsFailures {
  private AwsFailures() {}

  /** The answer for {@code e}, or null when it is not a dependency failure. */
  public static AppException unavailable(RuntimeException e) {
    if (e instanceof SdkClientException) {
      return new UnavailableException("a dependency did not answer; try again shortly", Map.of());
    }
    if (e instanceof AwsServiceException a && (a.isThrottlingException() || a.statusCode() >= 500)) {
      String service = a.awsErrorDetails() == null || a.awsErrorDetails().serviceName() == null
          ? "dependency" : a.awsErrorDetails().serviceName().toLowerCase(Locale.ROOT);
      return new UnavailableException(service + " is busy or failing; try again shortly", Map.of(service, "unavailable"));
    }
    return null;
  }
}
