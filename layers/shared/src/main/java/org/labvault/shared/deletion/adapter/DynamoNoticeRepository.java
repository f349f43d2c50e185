package org.labvault.shared.deletion.adapter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.Transactions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.port.NoticeRepository;
import org.labvault.shared.time.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * App links and their deletion notices as items of the LabVault table (pk {@code LINK#<linkId>},
 * sk {@code META}); the attribute names are the data model's (see {@link NoticeItems}).
 */
public final class DynamoNoticeRepository implements NoticeRepository {

  private static final Logger LOG = LoggerFactory.getLogger(DynamoNoticeRepository.class);

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoNoticeRepository(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public List<String> liveLinkIds(String assetId) {
    return dynamo.queryPaginator(r -> r.tableName(table).indexName(Keys.GSI1)
            .keyConditionExpression("#pk = :pk")
            .filterExpression("#linkStatus = :live")
            .projectionExpression("#linkId")
            .expressionAttributeNames(Map.of("#pk", Keys.GSI1_PK, "#linkStatus", NoticeItems.LINK_STATUS,
                "#linkId", NoticeItems.LINK_ID))
            .expressionAttributeValues(Map.of(":pk", s(NoticeItems.assetLinks(assetId)), ":live", s(NoticeItems.LIVE))))
        .items().stream().map(i -> i.get(NoticeItems.LINK_ID).s()).toList();
  }

  @Override
  public boolean expand(String linkId, AssetDeletion deletion) {
    var deleteLink = Tx.update(table, NoticeItems.key(linkId),
        "SET #linkStatus = :deleted, #reason = :reason, #deletedAt = :at, #deletedBy = :by, #notice = :notified,"
            + " #attempt = :one, #publishedAttempt = :zero",
        "#linkStatus = :live",
        Map.of("#linkStatus", NoticeItems.LINK_STATUS, "#reason", NoticeItems.REASON, "#deletedAt", NoticeItems.DELETED_AT,
            "#deletedBy", NoticeItems.DELETED_BY, "#notice", NoticeItems.NOTICE, "#attempt", NoticeItems.ATTEMPT,
            "#publishedAttempt", NoticeItems.PUBLISHED_ATTEMPT),
        Map.of(":deleted", s(NoticeItems.DELETED), ":reason", s(NoticeItems.ASSET_DELETED),
            ":at", s(Times.format(deletion.deletedAt())), ":by", s(deletion.deletedBy()),
            ":notified", s(NoticeStatus.NOTIFIED.name()), ":one", n(1), ":zero", n(0), ":live", s(NoticeItems.LIVE)));
    var countOff = Tx.update(table, NoticeItems.assetKey(deletion.assetId()),
        "SET #liveLinks = #liveLinks - :one", "#liveLinks > :zero",
        Map.of("#liveLinks", NoticeItems.LIVE_LINKS), Map.of(":one", n(1), ":zero", n(0)));
    try {
      Transactions.write(dynamo, List.of(deleteLink, countOff), ConditionFailed::new);
      return true;
    } catch (ConditionFailed e) {
      if (e.index == 0) {
        return false; // deleted before, by this expansion or DELETE /app-links/{id}
      }
      // the counter says no live link is left although this one is: never let it go below zero
      LOG.warn("asset {} counts no live link, yet link {} was live; deleting the link alone", deletion.assetId(), linkId);
      return updateAlone(deleteLink.update().key(), deleteLink.update().updateExpression(),
          deleteLink.update().conditionExpression(), deleteLink.update().expressionAttributeNames(),
          deleteLink.update().expressionAttributeValues());
    }
  }

  @Override
  public Optional<DeletedLink> findDeleted(String linkId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(NoticeItems.key(linkId)).consistentRead(true)).item();
    if (item == null || item.isEmpty() || !NoticeItems.DELETED.equals(NoticeItems.str(item, NoticeItems.LINK_STATUS))) {
      return Optional.empty();
    }
    return Optional.of(NoticeItems.deletedLink(item));
  }

  @Override
  public boolean markPublished(String linkId, int attempt, Instant at, Instant nextDueAt) {
    return updateAlone(NoticeItems.key(linkId),
        "SET #publishedAttempt = :n, #notifiedAt = if_not_exists(#notifiedAt, :at), #lastNotifiedAt = :at,"
            + " #gsi2pk = :due, #gsi2sk = :dueAt",
        "#notice = :notified AND #attempt = :n AND #publishedAttempt < :n",
        Map.of("#publishedAttempt", NoticeItems.PUBLISHED_ATTEMPT, "#notifiedAt", NoticeItems.NOTIFIED_AT,
            "#lastNotifiedAt", NoticeItems.LAST_NOTIFIED_AT, "#gsi2pk", Keys.GSI2_PK, "#gsi2sk", Keys.GSI2_SK,
            "#notice", NoticeItems.NOTICE, "#attempt", NoticeItems.ATTEMPT),
        Map.of(":n", n(attempt), ":at", s(Times.format(at)), ":due", s(NoticeItems.dueShard(linkId)),
            ":dueAt", s(NoticeItems.waitingSince(nextDueAt, linkId)), ":notified", s(NoticeStatus.NOTIFIED.name())));
  }

  @Override
  public Stream<DueNotice> due(int shard, Instant now) {
    // sort keys start with the fixed-width due time: everything below the next second is due
    String bound = Times.format(now.plusSeconds(1));
    return dynamo.queryPaginator(r -> r.tableName(table).indexName(Keys.GSI2)
            .keyConditionExpression("#pk = :pk AND #sk < :bound")
            .expressionAttributeNames(Map.of("#pk", Keys.GSI2_PK, "#sk", Keys.GSI2_SK))
            .expressionAttributeValues(Map.of(":pk", s(NoticeItems.DUE_PREFIX + shard), ":bound", s(bound))))
        .items().stream().map(NoticeItems::dueNotice);
  }

  @Override
  public boolean renotify(String linkId, int publishedAttempt, Instant recheckAt) {
    return updateAlone(NoticeItems.key(linkId), "SET #attempt = :next, #gsi2sk = :recheck",
        "#notice = :notified AND #attempt = :n AND #publishedAttempt = :n",
        Map.of("#attempt", NoticeItems.ATTEMPT, "#gsi2sk", Keys.GSI2_SK, "#notice", NoticeItems.NOTICE,
            "#publishedAttempt", NoticeItems.PUBLISHED_ATTEMPT),
        Map.of(":next", n(publishedAttempt + 1), ":n", n(publishedAttempt), ":notified", s(NoticeStatus.NOTIFIED.name()),
            ":recheck", s(NoticeItems.waitingSince(recheckAt, linkId))));
  }

  @Override
  public boolean redrive(String linkId, int attempt, Instant recheckAt) {
    return updateAlone(NoticeItems.key(linkId), "SET #gsi2sk = :recheck",
        "#notice = :notified AND #attempt = :n AND #publishedAttempt < :n",
        Map.of("#gsi2sk", Keys.GSI2_SK, "#notice", NoticeItems.NOTICE, "#attempt", NoticeItems.ATTEMPT,
            "#publishedAttempt", NoticeItems.PUBLISHED_ATTEMPT),
        Map.of(":n", n(attempt), ":notified", s(NoticeStatus.NOTIFIED.name()),
            ":recheck", s(NoticeItems.waitingSince(recheckAt, linkId))));
  }

  @Override
  public boolean markOverdue(String linkId, int attempt, Instant at) {
    return updateAlone(NoticeItems.key(linkId), "SET #notice = :overdue, #gsi2pk = :overdue, #gsi2sk = :since",
        "#notice = :notified AND #attempt = :n AND #publishedAttempt = :n",
        Map.of("#notice", NoticeItems.NOTICE, "#gsi2pk", Keys.GSI2_PK, "#gsi2sk", Keys.GSI2_SK,
            "#attempt", NoticeItems.ATTEMPT, "#publishedAttempt", NoticeItems.PUBLISHED_ATTEMPT),
        Map.of(":overdue", s(NoticeStatus.OVERDUE.name()), ":since", s(NoticeItems.waitingSince(at, linkId)),
            ":n", n(attempt), ":notified", s(NoticeStatus.NOTIFIED.name())));
  }

  /** One conditional update; false when its condition does not hold. */
  private boolean updateAlone(Map<String, AttributeValue> key, String update, String condition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    try {
      dynamo.updateItem(r -> r.tableName(table).key(key).updateExpression(update).conditionExpression(condition)
          .expressionAttributeNames(names).expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  /** Which item of a transaction failed its condition. */
  private static final class ConditionFailed extends RuntimeException {
    final int index;

    ConditionFailed(int index) {
      super("condition failed on item " + index, null, false, false);
      this.index = index;
    }
  }
}
