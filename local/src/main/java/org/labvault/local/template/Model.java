package org.labvault.local.template;

import java.util.List;
import java.util.Map;

/** What the local stack runs, as the template declares it (all intrinsics resolved). */
public final class Model {
  private Model() {}

  /**
   * One Lambda function.
   *
   * @param environment the variables its template entry (with Globals) declares
   * @param policies its Policies entries, resolved
   * @param events its event sources, in template order
   */
  public record Function(
      String logicalId,
      String functionName,
      String handlerClass,
      String handlerMethod,
      String runtime,
      int memoryMb,
      int timeoutSeconds,
      Map<String, String> environment,
      List<Object> policies,
      List<EventSource> events) {}

  /**
   * A JWT authorizer of an HTTP API.
   *
   * @param userPoolLogicalId the template's Cognito user pool whose tokens it trusts; the local
   *     issuer stands in for it
   */
  public record JwtAuthorizer(
      String apiLogicalId,
      String name,
      String identitySource,
      String userPoolLogicalId,
      List<String> audiences,
      List<String> scopes) {}

  public record HttpApi(String logicalId, String defaultAuthorizer, Map<String, JwtAuthorizer> authorizers) {}

  /** A DynamoDB table with its CloudFormation properties (resolved). */
  public record Table(String logicalId, String tableName, Map<String, Object> properties) {}

  /** What a bucket policy says about the SSE header of puts. */
  public enum SseRule {
    /** Nothing. */
    NONE,
    /** A put that names an encryption other than AES256 is denied; one that names none is allowed. */
    AES256_IF_GIVEN,
    /** A put that does not name AES256 is denied. */
    AES256_REQUIRED
  }

  /** An S3 bucket. */
  public record Bucket(
      String logicalId,
      String bucketName,
      boolean versioned,
      boolean defaultEncryption,
      SseRule sseRule) {}
}
