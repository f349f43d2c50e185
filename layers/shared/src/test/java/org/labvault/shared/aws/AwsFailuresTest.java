package org.labvault.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class AwsFailuresTest {

  @Test
  void aDependencyThatDidNotAnswer_is503() {
    assertThat(AwsFailures.unavailable(SdkClientException.create("Unable to execute HTTP request: Connection refused")).status())
        .isEqualTo(503);
    assertThat(AwsFailures.unavailable(ApiCallTimeoutException.create(8000)).code()).isEqualTo("DEPENDENCY_UNAVAILABLE");
  }

  @Test
  void throttlingOrAServerSideFailure_is503NamingTheService() {
    var throttled = ProvisionedThroughputExceededException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").serviceName("DynamoDb").build())
        .build();
    assertThat(AwsFailures.unavailable(throttled).status()).isEqualTo(503);
    var slowDown = S3Exception.builder().statusCode(503)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").serviceName("S3").build()).build();
    assertThat(AwsFailures.unavailable(slowDown).detail()).startsWith("s3 ");
  }

  @Test
  void anythingElse_isNotADependencyFailure() {
    assertThat(AwsFailures.unavailable(ConditionalCheckFailedException.builder().statusCode(400).build())).isNull();
    assertThat(AwsFailures.unavailable(new IllegalStateException("a bug"))).isNull();
  }
}
