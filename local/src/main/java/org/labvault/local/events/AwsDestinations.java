package org.labvault.local.events;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends on-failure records to the local SQS and SNS endpoints as Lambda does: SendMessage to a
 * queue ARN, Publish to a topic ARN. A service that has no local endpoint is an error that names it.
 */
public final class AwsDestinations implements Destinations, AutoCloseable {

  private final SqsClient sqs;
  private final SnsClient sns;
  private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

  /**
   * @param sqsEndpoint the local SQS endpoint, or null when none runs
   * @param snsEndpoint the local SNS endpoint, or null when none runs
   */
  public AwsDestinations(URI sqsEndpoint, URI snsEndpoint, String region, AwsCredentialsProvider credentials) {
    this.sqs = sqsEndpoint == null ? null : SqsClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .endpointOverride(sqsEndpoint)
        .build();
    this.sns = snsEndpoint == null ? null : SnsClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .endpointOverride(snsEndpoint)
        .build();
  }

  @Override
  public void send(String arn, String json) {
    String[] parts = arn.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn")) {
      throw new IllegalArgumentException(arn + " is not an ARN");
    }
    switch (parts[2]) {
      case "sqs" -> {
        if (sqs == null) {
          throw new IllegalStateException("no local SQS endpoint runs for " + arn);
        }
        String url = queueUrls.computeIfAbsent(arn,
            a -> sqs.getQueueUrl(r -> r.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl());
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(json));
      }
      case "sns" -> {
        if (sns == null) {
          throw new IllegalStateException("no local SNS endpoint runs for " + arn);
        }
        sns.publish(r -> r.topicArn(arn).message(json));
      }
      default -> throw new IllegalArgumentException(arn + " is neither an SQS queue nor an SNS topic");
    }
  }

  @Override
  public void close() {
    if (sqs != null) {
      sqs.close();
    }
    if (sns != null) {
      sns.close();
    }
  }
}
