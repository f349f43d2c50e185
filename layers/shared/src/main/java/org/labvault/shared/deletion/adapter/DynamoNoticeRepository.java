package org.labvault.shared.deletion.adapter;

import static org.labvault.shared.deletion.adapter.LinkItems.n;
import static org.labvault.shared.deletion.adapter.LinkItems.s;
import static org.labvault.shared.deletion.adapter.LinkUpdates.names;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.NoticeStatus;
import org.labvault.shared.deletion.port.NoticeRepository;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The publisher's and the schedule's writes of app link items ({@link LinkItems}); deleting a link
 * is {@link DynamoLinkRepository}'s, for the HTTP routes and the expansion alike.
 */
public final class DynamoNoticeRepository implements NoticeRepository {

  private static final String NOTIFIED = NoticeStatus.NOTIFIED.name();

  private final DynamoDbClient dynamo;
  private final String table;
  private final LinkUpdates updates;

  @Inject
  public DynamoNoticeRepository(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.updates = new LinkUpdates(dynamo, table);
  }

  @Override
  public Optional<AppLink> findDeleted(String linkId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(LinkItems.key(linkId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty()
        : Optional.of(LinkItems.link(item)).filter(link -> !link.isLive());
  }

  @Override
  public boolean markPublished(String linkId, int attempt, Instant at, Instant nextDueAt) {
    boolean waiting = updates.updateIf(linkId,
        "SET #published = :n, #notifiedAt = if_not_exists(#notifiedAt, :at), #lastNotifiedAt = :at,"
            + " #g2pk = :due, #g2sk = :dueAt",
        "#notice = :notified AND #attempt = :n AND #published < :n",
        names(LinkItems.PUBLISHED_ATTEMPT, LinkItems.NOTIFIED_AT, LinkItems.LAST_NOTIFIED_AT, Keys.GSI2_PK,
            Keys.GSI2_SK, LinkItems.NOTICE, LinkItems.ATTEMPT),
        Map.of(":n", n(attempt), ":at", s(Times.format(at)), ":due", s(Keys.due(linkId)),
            ":dueAt", s(Keys.waitingSince(nextDueAt, linkId)), ":notified", s(NOTIFIED)));
    // A subscriber may confirm before the publication is recorded: the attempt still counts, but
    // nothing waits for it any more (the confirmation took the link out of the due index).
    return waiting || updates.updateIf(linkId,
        "SET #published = :n, #notifiedAt = if_not_exists(#notifiedAt, :at), #lastNotifiedAt = :at",
        "#notice <> :notified AND #attempt = :n AND #published < :n",
        names(LinkItems.PUBLISHED_ATTEMPT, LinkItems.NOTIFIED_AT, LinkItems.LAST_NOTIFIED_AT, LinkItems.NOTICE,
            LinkItems.ATTEMPT),
        Map.of(":n", n(attempt), ":at", s(Times.format(at)), ":notified", s(NOTIFIED)));
  }

  @Override
  public Stream<AppLink> due(Instant now) {
    return IntStream.range(0, Keys.DUE_SHARDS).boxed().flatMap(shard -> due(shard, now));
  }

  private Stream<AppLink> due(int shard, Instant now) {
    // sort keys start with the fixed-width due time: everything below the next second is due
    String bound = Times.format(now.plusSeconds(1));
    return dynamo.queryPaginator(r -> r.tableName(table).indexName(Keys.GSI2)
            .keyConditionExpression("#g2pk = :shard AND #g2sk < :bound")
            .expressionAttributeNames(names(Keys.GSI2_PK, Keys.GSI2_SK))
            .expressionAttributeValues(Map.of(":shard", s(Keys.dueShard(shard)), ":bound", s(bound))))
        .items().stream().map(LinkItems::link);
  }

  @Override
  public boolean renotify(String linkId, int publishedAttempt, Instant recheckAt) {
    return updates.updateIf(linkId, "SET #attempt = :next, #g2sk = :recheck",
        "#notice = :notified AND #attempt = :n AND #published = :n",
        names(LinkItems.ATTEMPT, Keys.GSI2_SK, LinkItems.NOTICE, LinkItems.PUBLISHED_ATTEMPT),
        Map.of(":next", n(publishedAttempt + 1), ":n", n(publishedAttempt), ":notified", s(NOTIFIED),
            ":recheck", s(Keys.waitingSince(recheckAt, linkId))));
  }

  @Override
  public boolean redrive(String linkId, int attempt, Instant recheckAt) {
    return updates.updateIf(linkId, "SET #g2sk = :recheck",
        "#notice = :notified AND #attempt = :n AND #published < :n",
        names(Keys.GSI2_SK, LinkItems.NOTICE, LinkItems.ATTEMPT, LinkItems.PUBLISHED_ATTEMPT),
        Map.of(":n", n(attempt), ":notified", s(NOTIFIED), ":recheck", s(Keys.waitingSince(recheckAt, linkId))));
  }

  @Override
  public boolean markOverdue(String linkId, int attempt, Instant at) {
    return updates.updateIf(linkId, "SET #notice = :overdue, #g2pk = :overdueList, #g2sk = :since",
        "#notice = :notified AND #attempt = :n AND #published = :n",
        names(LinkItems.NOTICE, Keys.GSI2_PK, Keys.GSI2_SK, LinkItems.ATTEMPT, LinkItems.PUBLISHED_ATTEMPT),
        Map.of(":overdue", s(NoticeStatus.OVERDUE.name()), ":overdueList", s(Keys.OVERDUE), ":since", s(Keys.waitingSince(at, linkId)),
            ":n", n(attempt), ":notified", s(NOTIFIED)));
  }
}
