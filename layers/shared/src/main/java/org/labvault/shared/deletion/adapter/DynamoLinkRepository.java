package org.labvault.shared.deletion.adapter;

import static org.labvault.shared.deletion.adapter.LinkItems.n;
import static org.labvault.shared.deletion.adapter.LinkItems.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.asset.adapter.AssetItems;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.aws.Transactions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.DeletionConflicts;
import org.labvault.shared.deletion.domain.DeletionReason;
import org.labvault.shared.deletion.domain.LinkStatus;
import org.labvault.shared.deletion.domain.NoticeStatus;
import org.labvault.shared.deletion.port.LinkRepository;
import org.labvault.shared.http.Page;
import org.labvault.shared.http.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * App links in the LabVault table. Creating and deleting a link are transactions with the asset
 * item, whose {@code liveLinks} count moves with them.
 */
public final class DynamoLinkRepository implements LinkRepository {

  private final DynamoDbClient dynamo;
  private final String table;
  private final PageTokens pageTokens;

  @Inject
  public DynamoLinkRepository(DynamoDbClient dynamo, Config config, PageTokens pageTokens) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.pageTokens = pageTokens;
  }

  @Override
  public void create(AppLink link) {
    var items = List.of(
        Tx.update(table, AssetItems.key(link.assetId()), "SET #live = if_not_exists(#live, :zero) + :one",
            "#status = :available AND #classification <> :secret",
            Map.of("#live", Keys.LIVE_LINKS, "#status", AssetItems.STATUS, "#classification", AssetItems.CLASSIFICATION),
            Map.of(":zero", n(0), ":one", n(1), ":available", s(AssetStatus.AVAILABLE.name()),
                ":secret", s(Classification.SECRET.name()))),
        Tx.check(table, AppItems.key(link.appId()), "attribute_exists(pk)", Map.of(), Map.of()),
        Tx.put(table, LinkItems.item(link), "attribute_not_exists(pk)", Map.of(), Map.of()));
    Transactions.write(dynamo, items, failed -> switch (failed) {
      case 0 -> whyNotLinkable(link.assetId());
      case 1 -> DeletionConflicts.unregisteredApp(link.appId());
      default -> new IllegalStateException("link id collision: " + link.linkId());
    });
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

  @Override
  public boolean delete(AppLink link, DeletionReason reason, Instant deletedAt, String deletedBy) {
    var items = List.of(
        Tx.update(table, LinkItems.key(link.linkId()),
            "SET #linkStatus = :deleted, #reason = :reason, #deletedAt = :at, #deletedBy = :by, #notice = :notified, "
                + "#attempt = :one, #published = :zero",
            "#linkStatus = :live",
            names(LinkItems.LINK_STATUS, LinkItems.REASON, LinkItems.DELETED_AT, LinkItems.DELETED_BY, LinkItems.NOTICE,
                LinkItems.ATTEMPT, LinkItems.PUBLISHED_ATTEMPT),
            Map.of(":deleted", s(LinkStatus.DELETED.name()), ":live", s(LinkStatus.LIVE.name()),
                ":reason", s(reason.name()), ":at", s(Times.format(deletedAt)), ":by", s(deletedBy),
                ":notified", s(NoticeStatus.NOTIFIED.name()), ":one", n(1), ":zero", n(0))),
        Tx.update(table, AssetItems.key(link.assetId()), "SET #live = #live - :one", "attribute_exists(pk)",
            Map.of("#live", Keys.LIVE_LINKS), Map.of(":one", n(1))));
    try {
      Transactions.write(dynamo, items, failed -> switch (failed) {
        case 0 -> new NotLive();
        default -> new IllegalStateException("the asset of link " + link.linkId() + " is gone");
      });
      return true;
    } catch (NotLive e) {
      return false;
    }
  }

  @Override
  public boolean confirm(String linkId, Instant confirmedAt) {
    try {
      dynamo.updateItem(r -> r.tableName(table).key(LinkItems.key(linkId))
          .updateExpression("SET #notice = :confirmed, #confirmedAt = :at REMOVE #g2pk, #g2sk")
          .conditionExpression("#linkStatus = :deleted AND #notice <> :confirmed")
          .expressionAttributeNames(names(LinkItems.NOTICE, LinkItems.CONFIRMED_AT, LinkItems.LINK_STATUS, Keys.GSI2_PK,
              Keys.GSI2_SK))
          .expressionAttributeValues(Map.of(":confirmed", s(NoticeStatus.CONFIRMED.name()),
              ":at", s(Times.format(confirmedAt)), ":deleted", s(LinkStatus.DELETED.name()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
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

  /** {@code #name} placeholders for attribute names (many are reserved words). */
  private static Map<String, String> names(String... attributes) {
    Map<String, String> names = new HashMap<>();
    for (String a : attributes) {
      names.put(placeholder(a), a);
    }
    return names;
  }

  private static String placeholder(String attribute) {
    return switch (attribute) {
      case LinkItems.PUBLISHED_ATTEMPT -> "#published";
      case Keys.GSI2_PK -> "#g2pk";
      case Keys.GSI2_SK -> "#g2sk";
      default -> "#" + attribute;
    };
  }

  /** The link's condition failed: it was deleted before. */
  private static final class NotLive extends RuntimeException {
    NotLive() {
      super(null, null, false, false);
    }
  }
}
