package org.labvault.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * The asset-events topic at the SDK seam: records every PublishBatch call and can refuse chosen
 * entries (by the {@code linkId} of their body) or whole calls for a while, as SNS does when it
 * throttles or fails.
 */
public final class FakeSns implements SnsClient {

  /** Every PublishBatch request, in order, refused ones included. */
  public final List<PublishBatchRequest> calls = new CopyOnWriteArrayList<>();
  /** The entries SNS accepted, in order. */
  public final List<PublishBatchRequestEntry> published = new CopyOnWriteArrayList<>();
  private final Set<String> refusedLinks = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failingCalls = new AtomicInteger();
  /** Runs while a PublishBatch call is under way, after SNS took its entries (what a fast subscriber does). */
  public volatile Runnable whilePublishing = () -> {};

  /** The next {@code calls} PublishBatch calls fail as a whole (a 500 from SNS). */
  public void failCalls(int calls) {
    failingCalls.set(calls);
  }

  /** Entries about these links are refused until {@link #acceptAll}. */
  public void refuse(String... linkIds) {
    refusedLinks.addAll(List.of(linkIds));
  }

  public void acceptAll() {
    refusedLinks.clear();
    failingCalls.set(0);
  }

  /** The bodies of the accepted entries, parsed. */
  public List<JsonNode> bodies() {
    return published.stream().map(e -> Json.instance().read(e.message(), JsonNode.class)).toList();
  }

  @Override
  public PublishBatchResponse publishBatch(PublishBatchRequest request) {
    calls.add(request);
    if (failingCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw (SnsException) SnsException.builder().statusCode(500).message("internal failure").build();
    }
    List<PublishBatchResultEntry> ok = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (PublishBatchRequestEntry e : request.publishBatchRequestEntries()) {
      String linkId = Json.instance().read(e.message(), JsonNode.class).path("linkId").asText();
      if (refusedLinks.contains(linkId)) {
        failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InternalError").message("refused").senderFault(false).build());
      } else {
        published.add(e);
        ok.add(PublishBatchResultEntry.builder().id(e.id()).messageId("m-" + published.size()).build());
      }
    }
    whilePublishing.run();
    return PublishBatchResponse.builder().successful(ok).failed(failed).build();
  }

  @Override
  public String serviceName() {
    return "sns";
  }

  @Override
  public void close() {}
}
