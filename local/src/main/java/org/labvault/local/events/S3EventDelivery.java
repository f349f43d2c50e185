package org.labvault.local.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.labvault.local.engine.S3Engine;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.EventSource;
import org.labvault.shared.json.Json;

/**
 * Delivers the S3 notifications the template declares: each created object that matches a
 * function's S3 event source invokes it asynchronously, through the {@link AsyncInvoker}, with the
 * event JSON S3 sends to Lambda.
 */
public final class S3EventDelivery implements S3Engine.ObjectCreatedListener, AutoCloseable {

  /** A notification with the bucket name it listens to and the function it invokes. */
  public record Target(EventSource.S3Notification notification, String bucketName, FunctionHost function) {}

  private final List<Target> targets;
  private final String region;
  private final String accountId;
  private final AsyncInvoker invoker;
  private final boolean ownsInvoker;
  private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);

  /** Delivers through {@code invoker}, which the caller stops after this. */
  public S3EventDelivery(List<Target> targets, String region, String accountId, AsyncInvoker invoker) {
    this(targets, region, accountId, invoker, false);
  }

  /** Delivers through an invoker of its own, with Lambda's retries and no on-failure destinations. */
  public S3EventDelivery(List<Target> targets, String region, String accountId) {
    this(targets, region, accountId, new AsyncInvoker((arn, json) -> {
      throw new IllegalStateException("no on-failure destinations here");
    }, AsyncInvoker.LOCAL_RETRY_DELAYS, Clock.systemUTC()), true);
  }

  private S3EventDelivery(List<Target> targets, String region, String accountId, AsyncInvoker invoker,
      boolean ownsInvoker) {
    this.targets = List.copyOf(targets);
    this.region = region;
    this.accountId = accountId;
    this.invoker = invoker;
    this.ownsInvoker = ownsInvoker;
  }

  @Override
  public void created(String bucket, String eventName, String key, long sizeBytes, String eTag, String versionId) {
    String sequence = Long.toHexString(sequencer.incrementAndGet()).toUpperCase(java.util.Locale.ROOT);
    for (Target t : targets) {
      if (t.bucketName().equals(bucket) && t.notification().matches(eventName, key)) {
        byte[] event = Json.instance().write(event(t, eventName, key, sizeBytes, eTag, versionId, sequence))
            .getBytes(StandardCharsets.UTF_8);
        invoker.invoke(t.function(), event, "s3://" + bucket + "/" + key);
      }
    }
  }

  /** The S3 event notification (structure 2.1) of one created object. */
  private Map<String, Object> event(Target t, String eventName, String key, long size, String eTag, String versionId,
      String sequence) {
    Map<String, Object> object = new LinkedHashMap<>();
    // S3 sends the key URL-encoded (a space as +), slashes as they are
    object.put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"));
    object.put("size", size);
    if (eTag != null) {
      object.put("eTag", eTag);
    }
    if (versionId != null) {
      object.put("versionId", versionId);
    }
    object.put("sequencer", sequence);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("eventVersion", "2.1");
    record.put("eventSource", "aws:s3");
    record.put("awsRegion", region);
    record.put("eventTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    record.put("eventName", eventName);
    record.put("userIdentity", Map.of("principalId", "AWS:" + accountId));
    record.put("requestParameters", Map.of("sourceIPAddress", "127.0.0.1"));
    record.put("responseElements", Map.of("x-amz-request-id", sequence, "x-amz-id-2", UUID.randomUUID().toString()));
    record.put("s3", Map.of(
        "s3SchemaVersion", "1.0",
        "configurationId", t.notification().name(),
        "bucket", Map.of("name", t.bucketName(), "ownerIdentity", Map.of("principalId", accountId),
            "arn", "arn:aws:s3:::" + t.bucketName()),
        "object", object));
    return Map.of("Records", List.of(record));
  }

  /** Stops its own invoker, letting deliveries under way finish (a few seconds at most). */
  @Override
  public void close() throws InterruptedException {
    if (ownsInvoker) {
      invoker.close();
    }
  }
}
