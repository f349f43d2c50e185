package org.labvault.shared.instrument.adapter;

import static org.labvault.shared.instrument.adapter.InstrumentItems.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.aws.RoleConditions;
import org.labvault.shared.aws.Transactions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ForbiddenException;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.instrument.domain.Instrument;
import org.labvault.shared.instrument.domain.InstrumentGrant;
import org.labvault.shared.instrument.domain.InstrumentStatus;
import org.labvault.shared.instrument.port.InstrumentRepository;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Instruments and grants in the LabVault table (see {@link InstrumentItems} for the layout). */
public final class DynamoInstrumentRepository implements InstrumentRepository {

  private final DynamoDbClient dynamo;
  private final String table;
  private final PageTokens pageTokens;

  @Inject
  public DynamoInstrumentRepository(DynamoDbClient dynamo, Config config, PageTokens pageTokens) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.pageTokens = pageTokens;
  }

  @Override
  public void create(Instrument instrument) {
    dynamo.putItem(r -> r.tableName(table).item(InstrumentItems.item(instrument))
        .conditionExpression(Keys.ABSENT));
  }

  @Override
  public Optional<Instrument> find(String instrumentId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(InstrumentItems.key(instrumentId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(InstrumentItems.instrument(item));
  }

  @Override
  public Page<Instrument> listOwned(String ownerId, PageRequest page) {
    String partition = Keys.ownedInstruments(ownerId);
    String list = "instruments:" + partition;
    var result = dynamo.query(QueryRequest.builder().tableName(table).indexName(Keys.GSI1)
        .keyConditionExpression("#gpk = :gpk")
        .expressionAttributeNames(Map.of("#gpk", Keys.GSI1_PK))
        .expressionAttributeValues(Map.of(":gpk", s(partition)))
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), list, PageTokens.GSI1_KEY))
        .build());
    return new Page<>(result.items().stream().map(InstrumentItems::instrument).toList(),
        pageTokens.encode(list, result.lastEvaluatedKey()));
  }

  @Override
  public boolean revoke(String instrumentId, Instant at) {
    boolean changed;
    try {
      // out of its owner's list at once; no grant can be added from now on (grants check ACTIVE)
      dynamo.updateItem(r -> r.tableName(table).key(InstrumentItems.key(instrumentId))
          .updateExpression("SET #status = :revoked, revokedAt = :at REMOVE #gpk, #gsk")
          .conditionExpression("#status = :active")
          .expressionAttributeNames(Map.of("#status", InstrumentItems.STATUS, "#gpk", Keys.GSI1_PK, "#gsk", Keys.GSI1_SK))
          .expressionAttributeValues(Map.of(":revoked", s(InstrumentStatus.REVOKED.name()),
              ":active", s(InstrumentStatus.ACTIVE.name()), ":at", s(Times.format(at)))));
      changed = true;
    } catch (ConditionalCheckFailedException e) {
      changed = false;
    }
    // also on a repeat: a revocation interrupted before its grants were gone finishes here
    for (String groupId : groupsGranting(instrumentId)) {
      ungrant(groupId, instrumentId);
    }
    return changed;
  }

  @Override
  public void grant(InstrumentGrant grant, String ownerId) {
    var items = List.of(
        Tx.check(table, Map.of(Keys.PK, s(Keys.group(grant.groupId())), Keys.SK, s(Keys.META)),
            "#status = :active", Map.of("#status", Keys.GROUP_STATUS), Map.of(":active", s(Keys.GROUP_ACTIVE)),
            Authorizer::notFound),
        RoleConditions.stillAllows(table,
            Map.of(Keys.PK, s(Keys.group(grant.groupId())), Keys.SK, s(Keys.member(grant.grantedBy()))),
            InstrumentItems.ROLE, Action.INSTRUMENTS_MANAGE,
            () -> new ForbiddenException("your role no longer allows " + Action.INSTRUMENTS_MANAGE.wireName())),
        Tx.check(table, InstrumentItems.key(grant.instrumentId()), "#status = :active AND #owner = :owner",
            Map.of("#status", InstrumentItems.STATUS, "#owner", InstrumentItems.OWNER),
            Map.of(":active", s(InstrumentStatus.ACTIVE.name()), ":owner", s(ownerId)),
            () -> new NotFoundException("no such instrument")),
        Tx.put(table, InstrumentItems.groupGrant(grant), Keys.ABSENT, Map.of(), Map.of(), AlreadyGranted::new),
        Tx.put(table, InstrumentItems.instrumentGrant(grant)));
    try {
      Transactions.write(dynamo, items);
    } catch (AlreadyGranted e) {
      // granted before: the first grant stays as it was
    }
  }

  /** The grant exists already. */
  private static final class AlreadyGranted extends RuntimeException {
    AlreadyGranted() {
      super(null, null, false, false);
    }
  }

  @Override
  public boolean ungrant(String groupId, String instrumentId) {
    var items = List.of(
        Tx.delete(table, InstrumentItems.groupGrantKey(groupId, instrumentId), Keys.EXISTS, Map.of(), Map.of(),
            NoGrant::new),
        Tx.delete(table, InstrumentItems.instrumentGrantKey(groupId, instrumentId)));
    try {
      Transactions.write(dynamo, items);
      return true;
    } catch (NoGrant e) {
      // a stray reference without its grant goes too
      dynamo.deleteItem(r -> r.tableName(table).key(InstrumentItems.instrumentGrantKey(groupId, instrumentId)));
      return false;
    }
  }

  /** There was no grant to remove. */
  private static final class NoGrant extends RuntimeException {
    NoGrant() {
      super(null, null, false, false);
    }
  }

  @Override
  public Page<InstrumentGrant> grantsOf(String groupId, PageRequest page) {
    String list = "instrument-grants:" + groupId;
    var result = dynamo.query(QueryRequest.builder().tableName(table)
        .keyConditionExpression(Keys.PK + " = :pk AND begins_with(" + Keys.SK + ", :prefix)")
        .expressionAttributeValues(Map.of(":pk", s(Keys.group(groupId)), ":prefix", s(Keys.INSTRUMENT_GRANT_PREFIX)))
        .consistentRead(true)
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), list, PageTokens.TABLE_KEY))
        .build());
    return new Page<>(result.items().stream().map(InstrumentItems::grant).toList(),
        pageTokens.encode(list, result.lastEvaluatedKey()));
  }

  @Override
  public List<String> groupsGranting(String instrumentId) {
    List<String> groups = new ArrayList<>();
    var pages = dynamo.queryPaginator(r -> r.tableName(table)
        .keyConditionExpression(Keys.PK + " = :pk AND begins_with(" + Keys.SK + ", :prefix)")
        .expressionAttributeValues(Map.<String, AttributeValue>of(":pk", s(Keys.instrument(instrumentId)),
            ":prefix", s(Keys.GRANT_PREFIX)))
        .consistentRead(true));
    pages.items().forEach(item -> groups.add(item.get(InstrumentItems.GROUP_ID).s()));
    return groups;
  }
}
