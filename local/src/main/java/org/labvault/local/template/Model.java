package org.labvault.local.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
   * @param alias the alias its {@code AutoPublishAlias} publishes and its callers invoke, or null;
   *     locally there are no versions, so invoking the alias invokes the function
   * @param snapStart whether {@code SnapStart} applies to its published versions
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
      List<EventSource> events,
      AsyncConfig async,
      String alias,
      boolean snapStart) {

    /** A function without an alias or SnapStart. */
    public Function(String logicalId, String functionName, String handlerClass, String handlerMethod, String runtime,
        int memoryMb, int timeoutSeconds, Map<String, String> environment, List<Object> policies,
        List<EventSource> events, AsyncConfig async) {
      this(logicalId, functionName, handlerClass, handlerMethod, runtime, memoryMb, timeoutSeconds, environment,
          policies, events, async, null, false);
    }

    /** The unqualified ARN: what {@code !GetAtt Fn.Arn} answers. */
    public String arn(String region, String accountId) {
      return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    /**
     * The ARN its callers invoke: the alias's when it has one (what {@code !Ref Fn.Alias} answers),
     * else the unqualified one. Lambda hands it to the handler as the invoked function ARN.
     */
    public String invokedArn(String region, String accountId) {
      return alias == null ? arn(region, accountId) : arn(region, accountId) + ":" + alias;
    }

    /**
     * What Lambda sets as {@code AWS_LAMBDA_INITIALIZATION_TYPE}: {@code snap-start} when callers
     * invoke a published version with SnapStart (through the alias), else {@code on-demand}.
     */
    public String initializationType() {
      return snapStart && alias != null ? "snap-start" : "on-demand";
    }

    /** A function whose template entry declares no {@code EventInvokeConfig}. */
    public Function(String logicalId, String functionName, String handlerClass, String handlerMethod, String runtime,
        int memoryMb, int timeoutSeconds, Map<String, String> environment, List<Object> policies,
        List<EventSource> events) {
      this(logicalId, functionName, handlerClass, handlerMethod, runtime, memoryMb, timeoutSeconds, environment,
          policies, events, AsyncConfig.LAMBDA_DEFAULT);
    }
  }

  /**
   * How Lambda treats the function's asynchronous invocations ({@code EventInvokeConfig}).
   *
   * @param maximumRetryAttempts retries after the first failed call, 0..2
   * @param maximumEventAgeSeconds how long an event may wait for a (re)try, 60..21600
   * @param onFailureDestination the SQS queue or SNS topic ARN that gets the invocation record of
   *     an event that could not be processed, or null
   */
  public record AsyncConfig(int maximumRetryAttempts, int maximumEventAgeSeconds, String onFailureDestination) {
    public static final AsyncConfig LAMBDA_DEFAULT = new AsyncConfig(2, 21600, null);
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

  /**
   * An HTTP API.
   *
   * @param defaultThrottle its {@code DefaultRouteSettings} throttle, or null (then only the
   *     account's quota limits its routes, which the local stack does not emulate)
   * @param routeThrottles its {@code RouteSettings} throttles by route key ({@code POST /groups});
   *     a route's entry replaces the default one
   */
  public record HttpApi(String logicalId, String defaultAuthorizer, Map<String, JwtAuthorizer> authorizers,
      Throttle defaultThrottle, Map<String, Throttle> routeThrottles) {

    public HttpApi {
      // in the template's order, so that problems are reported in the order they are written
      routeThrottles = Collections.unmodifiableMap(new LinkedHashMap<>(routeThrottles));
    }

    /** An API without throttles. */
    public HttpApi(String logicalId, String defaultAuthorizer, Map<String, JwtAuthorizer> authorizers) {
      this(logicalId, defaultAuthorizer, authorizers, null, Map.of());
    }
  }

  /**
   * A route's throttle as API Gateway applies it: a token bucket of {@code burstLimit} tokens, full
   * at first and refilled at {@code rateLimit} tokens a second, shared by every caller of the route.
   */
  public record Throttle(int burstLimit, double rateLimit) {}

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

  /**
   * What a bucket's PublicAccessBlockConfiguration and OwnershipControls declare.
   *
   * @param aclsDisabled ObjectOwnership BucketOwnerEnforced: requests that set ACLs are refused
   */
  public record BucketAccess(
      boolean blockPublicAcls,
      boolean ignorePublicAcls,
      boolean blockPublicPolicy,
      boolean restrictPublicBuckets,
      boolean aclsDisabled) {

    /** What S3 gives a new bucket whose template declares neither property. */
    public static final BucketAccess AWS_DEFAULT = new BucketAccess(true, true, true, true, true);

    /** No ACL grants anonymous requests anything, and no local bucket policy grants access. */
    public boolean anonymousRefused() {
      return aclsDisabled || ignorePublicAcls;
    }

    /** One line for the start notes: what the local S3 server enforces for the bucket. */
    public String describe() {
      List<String> blocked = new ArrayList<>();
      if (blockPublicAcls) {
        blocked.add("BlockPublicAcls");
      }
      if (ignorePublicAcls) {
        blocked.add("IgnorePublicAcls");
      }
      if (blockPublicPolicy) {
        blocked.add("BlockPublicPolicy");
      }
      if (restrictPublicBuckets) {
        blocked.add("RestrictPublicBuckets");
      }
      return (aclsDisabled ? "ObjectOwnership BucketOwnerEnforced (a request that sets an ACL is refused: AccessControlListNotSupported)"
              : "ACLs enabled")
          + "; public access block " + (blocked.isEmpty() ? "off" : String.join(", ", blocked))
          + (anonymousRefused() ? "; unsigned requests are refused (AccessDenied)" : "; public ACLs let unsigned requests read");
    }
  }

  /**
   * A Secrets Manager secret whose value the stack generates, as {@code GenerateSecretString}
   * describes it.
   *
   * @param arn what {@code Ref} answers, and what dynamic references name it by
   * @param alphabet the characters the value is drawn from
   * @param eachType when every class of characters left in the alphabet must appear
   */
  public record Secret(String logicalId, String arn, int length, String alphabet, boolean eachType) {

    private static final List<String> CLASSES = List.of(
        "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789",
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", " ");

    /** A fresh value drawn from {@code random}. */
    public String generate(java.security.SecureRandom random) {
      while (true) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
          value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (!eachType || CLASSES.stream().allMatch(c -> c.chars().noneMatch(ch -> alphabet.indexOf(ch) >= 0)
            || c.chars().anyMatch(ch -> value.indexOf(String.valueOf((char) ch)) >= 0))) {
          return value.toString();
        }
      }
    }
  }

  /**
   * A user pool client that calls the API with the client-credentials grant, as the application
   * {@code app:<name>}, with the OAuth scopes the template allows it.
   */
  public record AppClient(String logicalId, String name, String clientId, List<String> scopes) {

    public AppClient {
      scopes = List.copyOf(scopes);
    }

    /** Where its generated secret is kept. */
    public String secretId() {
      return logicalId + "-ClientSecret";
    }

    /** Cognito's client secrets: 51 letters and digits. */
    public Secret secret() {
      return new Secret(secretId(), null, 51,
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", false);
    }

    /** The principal its tokens carry. */
    public String subject() {
      return "app:" + name;
    }
  }

  /**
   * An IoT Core policy ({@code AWS::IoT::Policy}): what {@code Ref} answers is its name, by which
   * AttachPolicy attaches it to certificates.
   */
  public record IotPolicy(String logicalId, String policyName, String arn,
      org.labvault.local.iot.policy.PolicyDocument document) {}

  /**
   * An asymmetric KMS key that signs ({@code AWS::KMS::Key} with KeyUsage SIGN_VERIFY). Its id is
   * derived from the stack, the logical id and the key spec: the same at every start, and a new one
   * when the spec changes (CloudFormation replaces the key then).
   */
  public record KmsKey(String logicalId, String keyId, String arn, String keySpec, boolean enabled) {}

  /** A KMS alias ({@code AWS::KMS::Alias}) of a key of the template; {@code targetKeyId} is the key's id. */
  public record KmsAlias(String logicalId, String aliasName, String arn, String targetKeyId) {}

  /** An S3 bucket. */
  public record Bucket(
      String logicalId,
      String bucketName,
      boolean versioned,
      boolean defaultEncryption,
      SseRule sseRule,
      BucketAccess access) {}
}
