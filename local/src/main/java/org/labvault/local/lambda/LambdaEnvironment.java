package org.labvault.local.lambda;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labvault.local.template.Model;
import org.labvault.local.template.TemplateException;

/**
 * The environment a function gets: the variables its template entry declares, plus what the Lambda
 * runtime sets in every execution environment, plus the endpoints of the local engines (the SDK's
 * standard {@code AWS_ENDPOINT_URL_<SERVICE>} names) in place of AWS.
 */
public final class LambdaEnvironment {

  /** Set by Lambda itself; a template may not declare them. */
  public static final Set<String> RESERVED = Set.of(
      "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
      "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
      "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
      "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
      "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "TZ");

  /**
   * The endpoint variables the local stack adds; absent in AWS. MQTT_ENDPOINT is the broker's
   * {@code mqtts://} URL, what a function hands an instrument (in AWS it asks DescribeEndpoint).
   */
  public static final List<String> ENDPOINTS = List.of("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3",
      "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_IOT", "AWS_ENDPOINT_URL_IOT_DATA_PLANE",
      "AWS_ENDPOINT_URL_KMS", "MQTT_ENDPOINT");

  private LambdaEnvironment() {}

  public static Map<String, String> of(
      Model.Function function,
      String region,
      String accessKeyId,
      String secretAccessKey,
      URI dynamoDb,
      URI s3) {
    return of(function, region, accessKeyId, secretAccessKey,
        Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb, "AWS_ENDPOINT_URL_S3", s3));
  }

  /**
   * @param endpoints the local engines' URIs by {@link #ENDPOINTS} variable name (those of engines
   *     that run)
   */
  public static Map<String, String> of(
      Model.Function function,
      String region,
      String accessKeyId,
      String secretAccessKey,
      Map<String, URI> endpoints) {
    for (String name : endpoints.keySet()) {
      if (!ENDPOINTS.contains(name)) {
        throw new IllegalArgumentException(name + " is not one of " + ENDPOINTS);
      }
    }
    for (String name : function.environment().keySet()) {
      if (RESERVED.contains(name)) {
        throw new TemplateException(function.logicalId() + ": " + name + " is reserved by Lambda");
      }
    }
    Map<String, String> env = new LinkedHashMap<>(function.environment());
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("AWS_ACCESS_KEY_ID", accessKeyId);
    env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.initializationType());
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
    env.put("_HANDLER", function.handlerClass() + "::" + function.handlerMethod());
    env.put("TZ", ":UTC");
    ENDPOINTS.stream().filter(endpoints::containsKey).forEach(name -> env.put(name, endpoints.get(name).toString()));
    return env;
  }

  /**
   * {@code env} with every value that starts with an AWS URL the stack serves locally (an HTTP
   * API, a user pool domain: {@link org.labvault.local.template.StackModel#localUrls}) pointing at
   * the local one instead, the path kept: a function that calls the API by its URL calls the local
   * gateway, unchanged.
   */
  public static Map<String, String> withLocalUrls(Map<String, String> env, Map<String, String> localUrls) {
    Map<String, String> out = new LinkedHashMap<>(env);
    out.replaceAll((name, value) -> {
      for (Map.Entry<String, String> url : localUrls.entrySet()) {
        if (value.equals(url.getKey()) || value.startsWith(url.getKey() + "/")) {
          return url.getValue() + value.substring(url.getKey().length());
        }
      }
      return value;
    });
    return out;
  }
}
