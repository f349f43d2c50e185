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
      List<HttpRoute> routes) {}

  /** An HttpApi event: {@code METHOD /path} on an API, protected by an authorizer or public. */
  public record HttpRoute(
      String apiLogicalId,
      String method,
      String path,
      String authorizer,
      List<String> scopes,
      String functionLogicalId) {

    public String routeKey() {
      return method + " " + path;
    }
  }

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

  /**
   * An S3 event source: the bucket's "object created" notifications that invoke a function.
   *
   * @param id the event's name in the template (S3 calls it the configuration id)
   * @param prefix the key prefix filter, or ""
   * @param suffix the key suffix filter, or ""
   */
  public record S3Notification(
      String id, String functionLogicalId, String bucketLogicalId, String prefix, String suffix) {

    public boolean matches(String key) {
      return key.startsWith(prefix) && key.endsWith(suffix);
    }
  }
}
