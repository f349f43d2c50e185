package org.labvault.shared.deletion.adapter;

import static org.labvault.shared.deletion.adapter.LinkItems.n;
import static org.labvault.shared.deletion.adapter.LinkItems.s;
import static org.labvault.shared.deletion.adapter.LinkUpdates.names;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Provider;
import org.labvault.shared.asset.adapter.AssetItems;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.aws.Transactions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.RenotifyDelay;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.DeletionConflicts;
import org.labvault.shared.deletion.domain.DeletionReason;
import org.labvault.shared.deletion.domain.LinkStatus;
import org.labvault.shared.deletion.domain.NoticeStatus;
import org.labvault.shared.deletion.port.LinkRepository;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.time.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * App links in the LabVault table, for the HTTP routes and the expansion of an asset's deletion.
 * Creating and deleting a link are transactions with the asset item, whose {@code liveLinks} count
 * moves with them. The items are {@link LinkItems}; the stream side's writes are in
 * {@link DynamoNoticeRepository}.
 */
public final class DynamoLinkRepository implements LinkRepository {

  private static final Logger LOG = LoggerFactory.getLogger(DynamoLinkRepository.class);

  private final DynamoDbClient dynamo;
  private final String table;
  private final PageTokens pageTokens;
  private final Provider<RenotifyDelay> renotifyDelay;
  private final LinkUpdates updates;

  /** The delay is read on the first deletion: functions that only read links need not be given it. */
  @Inject
  public DynamoLinkRepository(DynamoDbClient dynamo, Config config, PageTokens pageTokens,
      Provider<RenotifyDelay> renotifyDelay) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.pageTokens = pageTokens;
    this.renotifyDelay = renotifyDelay;
    this.updates = new LinkUpdates(dynamo, table);
  }

  @Override
  public void create(AppLink link) {
    var items = List.of(
        Tx.update(table, AssetItems.key(link.assetId()), "SET #live = if_not_exists(#live, :zero) + :one",
            "#status = :available AND #classification <> :secret",
            Map.of("#live", Keys.LIVE_LINKS, "#status", AssetItems.STATUS, "#classification", AssetItems.CLASSIFICATION),
            Map.of(":zero", n(0), ":one", n(1), ":available", s(AssetStatus.AVAILABLE.name()),
                ":secret", s(Classification.SECRET.name())),
            () -> whyNotLinkable(link.assetId())),
        Tx.check(table, AppItems.key(link.appId()), Keys.EXISTS, Map.of(), Map.of(),
            () -> DeletionConflicts.unregisteredApp(link.appId())),
        Tx.put(table, LinkItems.item(link), Keys.ABSENT, Map.of(), Map.of(),
            () -> new IllegalStateException("link id collision: " + link.linkId())));
    Transactions.write(dynamo, items);
  }

  /** The asset's condition failed: read why (it changed after the service looked at it). */
  private RuntimeException whyNotLinkable(String assetId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(AssetItems.key(assetId)).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Authorizer.noSuchAsset();
    }
    var asset = AssetItems.asset(item);
    return asset.classification() == Classification.SECRET
        ? DeletionConflicts.secret()
        : DeletionConflicts.notAvailable(asset.status().name());
  }

  @Override
  public Optional<AppLink> find(String linkId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(LinkItems.key(linkId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LinkItems.link(item));
  }

  private QueryRequest.Builder linksOf(String assetId) {
    return QueryRequest.builder().tableName(table).indexName(Keys.GSI1)
        .keyConditionExpression("#gpk = :links");
  }

  @Override
  public Page<AppLink> live(String assetId, PageRequest page) {
    String list = "links:" + assetId;
    var result = dynamo.query(linksOf(assetId)
        .filterExpression("#linkStatus = :live")
        .expressionAttributeNames(Map.of("#gpk", Keys.GSI1_PK, "#linkStatus", LinkItems.LINK_STATUS))
        .expressionAttributeValues(Map.of(":links", s(Keys.assetLinks(assetId)), ":live", s(LinkStatus.LIVE.name())))
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), list, PageTokens.GSI1_KEY))
        .build());
    return new Page<>(result.items().stream().map(LinkItems::link).toList(), pageTokens.encode(list, result.lastEvaluatedKey()));
  }

  @Override
  public List<AppLink> all(String assetId) {
    List<AppLink> links = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      var query = linksOf(assetId)
          .expressionAttributeNames(Map.of("#gpk", Keys.GSI1_PK))
          .expressionAttributeValues(Map.of(":links", s(Keys.assetLinks(assetId))));
      if (start != null) {
        query.exclusiveStartKey(start);
      }
      QueryResponse result = dynamo.query(query.build());
      result.items().forEach(item -> links.add(LinkItems.link(item)));
      start = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty() ? result.lastEvaluatedKey() : null;
    } while (start != null);
    return links;
  }

  /**
   * The notice intent enters the due index at once: should every publication by the stream fail
   * until its record is given up on, the schedule still finds the unpublished attempt and asks for
   * it again. The asset's count never goes below zero: if it says no link is live although this one
   * was, the link is deleted alone.
   */
  @Override
  public boolean delete(AppLink link, DeletionReason reason, Instant deletedAt, String deletedBy) {
    Instant dueAt = renotifyDelay.get().dueAt(deletedAt, 1);
    var deleteLink = Tx.update(table, LinkItems.key(link.linkId()),
        "SET #linkStatus = :deleted, #reason = :reason, #deletedAt = :at, #deletedBy = :by, #notice = :notified, "
            + "#attempt = :one, #published = :zero, #g2pk = :due, #g2sk = :dueAt",
        "#linkStatus = :live",
        names(LinkItems.LINK_STATUS, LinkItems.REASON, LinkItems.DELETED_AT, LinkItems.DELETED_BY, LinkItems.NOTICE,
            LinkItems.ATTEMPT, LinkItems.PUBLISHED_ATTEMPT, Keys.GSI2_PK, Keys.GSI2_SK),
        Map.of(":deleted", s(LinkStatus.DELETED.name()), ":live", s(LinkStatus.LIVE.name()),
            ":reason", s(reason.name()), ":at", s(Times.format(deletedAt)), ":by", s(deletedBy),
            ":notified", s(NoticeStatus.NOTIFIED.name()), ":one", n(1), ":zero", n(0),
            ":due", s(Keys.due(link.linkId())), ":dueAt", s(Keys.waitingSince(dueAt, link.linkId()))),
        LinkNotLive::new);
    var countOff = Tx.update(table, AssetItems.key(link.assetId()), "SET #live = #live - :one", "#live > :zero",
        Map.of("#live", Keys.LIVE_LINKS), Map.of(":one", n(1), ":zero", n(0)), NoLiveLinkCounted::new);
    try {
      Transactions.write(dynamo, List.of(deleteLink, countOff));
      return true;
    } catch (LinkNotLive e) {
      return false; // deleted before: by DELETE /app-links/{id} or the expansion of its asset's deletion
    } catch (NoLiveLinkCounted e) {
      requireAsset(link);
      LOG.warn("asset {} counts no live link, yet link {} was live; deleting the link alone", link.assetId(),
          link.linkId());
      var u = deleteLink.item().update();
      return updates.updateIf(link.linkId(), u.updateExpression(), u.conditionExpression(),
          u.expressionAttributeNames(), u.expressionAttributeValues());
    }
  }

  private void requireAsset(AppLink link) {
    var item = dynamo.getItem(r -> r.tableName(table).key(AssetItems.key(link.assetId())).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      throw new IllegalStateException("the asset of link " + link.linkId() + " is gone");
    }
  }

  @Override
  public boolean confirm(String linkId, Instant confirmedAt) {
    return updates.updateIf(linkId, "SET #notice = :confirmed, #confirmedAt = :at REMOVE #g2pk, #g2sk",
        "#linkStatus = :deleted AND #notice <> :confirmed",
        names(LinkItems.NOTICE, LinkItems.CONFIRMED_AT, LinkItems.LINK_STATUS, Keys.GSI2_PK, Keys.GSI2_SK),
        Map.of(":confirmed", s(NoticeStatus.CONFIRMED.name()), ":at", s(Times.format(confirmedAt)),
            ":deleted", s(LinkStatus.DELETED.name())));
  }

  @Override
  public Page<AppLink> overdue(PageRequest page) {
    String list = "links:" + Keys.OVERDUE;
    var result = dynamo.query(r -> r.tableName(table).indexName(Keys.GSI2)
        .keyConditionExpression("#g2pk = :overdue")
        .expressionAttributeNames(Map.of("#g2pk", Keys.GSI2_PK))
        .expressionAttributeValues(Map.of(":overdue", s(Keys.OVERDUE)))
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), list, PageTokens.GSI2_KEY)));
    return new Page<>(result.items().stream().map(LinkItems::link).toList(), pageTokens.encode(list, result.lastEvaluatedKey()));
  }

  /** The link's condition failed: it was deleted before. */
  private static final class LinkNotLive extends RuntimeException {
    LinkNotLive() {
      super("the link is not live", null, false, false);
    }
  }

  /** The asset's count of live links is zero although the link was live. */
  private static final class NoLiveLinkCounted extends RuntimeException {
    NoLiveLinkCounted() {
      super("the asset counts no live link", null, false, false);
    }
  }
}
