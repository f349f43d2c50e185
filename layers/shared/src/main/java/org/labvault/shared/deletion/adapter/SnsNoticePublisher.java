package org.labvault.shared.deletion.adapter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.port.NoticePublisher;
import org.labvault.shared.json.Json;
import org.labvault.shared.time.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/**
 * Deletion notices on the asset-events topic, up to ten per PublishBatch call. Each entry's id is
 * its position in the batch (ids must be distinct and are at most 80 characters of [A-Za-z0-9_-]).
 */
public final class SnsNoticePublisher implements NoticePublisher {

  static final String MESSAGE_TYPE = "AppLinkDeleted";
  static final String APP_ID_ATTRIBUTE = "appId";

  private static final Logger LOG = LoggerFactory.getLogger(SnsNoticePublisher.class);

  private final SnsClient sns;
  private final Json json;
  private final Config config;

  @Inject
  public SnsNoticePublisher(SnsClient sns, Json json, Config config) {
    this.sns = sns;
    this.json = json;
    this.config = config;
  }

  @Override
  public Set<String> publish(List<Notice> notices) {
    if (notices.size() > MAX_BATCH) {
      throw new IllegalArgumentException("at most " + MAX_BATCH + " notices per batch, not " + notices.size());
    }
    if (notices.stream().map(Notice::linkId).distinct().count() != notices.size()) {
      throw new IllegalArgumentException("a batch names a link twice");
    }
    if (notices.isEmpty()) {
      return Set.of();
    }
    List<PublishBatchRequestEntry> entries = new ArrayList<>(notices.size());
    for (int i = 0; i < notices.size(); i++) {
      entries.add(entry(Integer.toString(i), notices.get(i)));
    }
    PublishBatchResponse response;
    try {
      String topic = config.require(Config.Names.ASSET_EVENTS_TOPIC_ARN);
      response = sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(entries));
    } catch (SdkException e) {
      LOG.warn("publishing {} notices failed: {}", notices.size(), e.toString());
      return allOf(notices);
    }
    Set<String> failed = new HashSet<>();
    response.failed().forEach(f -> {
      Notice n = notices.get(Integer.parseInt(f.id()));
      LOG.warn("notice of link {} attempt {} not published: {} {}", n.linkId(), n.attempt(), f.code(), f.message());
      failed.add(n.linkId());
    });
    // an entry SNS neither accepted nor refused is not known to be published
    Set<String> accepted = new HashSet<>();
    response.successful().forEach(s -> accepted.add(notices.get(Integer.parseInt(s.id())).linkId()));
    notices.stream().map(Notice::linkId).filter(id -> !accepted.contains(id)).forEach(failed::add);
    return failed;
  }

  private PublishBatchRequestEntry entry(String id, Notice n) {
    return PublishBatchRequestEntry.builder()
        .id(id)
        .message(body(n))
        .messageAttributes(Map.of(APP_ID_ATTRIBUTE,
            MessageAttributeValue.builder().dataType("String").stringValue(n.appId()).build()))
        .build();
  }

  /** The contract's message body, fields in the contract's order. */
  String body(Notice n) {
    ObjectNode body = json.mapper().createObjectNode();
    body.put("type", MESSAGE_TYPE);
    body.put("linkId", n.linkId());
    body.put("assetId", n.assetId());
    body.put("groupId", n.groupId());
    body.put("appId", n.appId());
    body.put("externalRef", n.externalRef());
    body.put("reason", n.reason());
    body.put("deletedAt", Times.format(n.deletedAt()));
    body.put("attempt", n.attempt());
    return body.toString();
  }

  private static Set<String> allOf(List<Notice> notices) {
    Set<String> all = new HashSet<>();
    notices.forEach(n -> all.add(n.linkId()));
    return all;
  }
}
