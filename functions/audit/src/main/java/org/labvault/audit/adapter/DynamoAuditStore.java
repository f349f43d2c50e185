package org.labvault.audit.adapter;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.audit.domain.ChainHead;
import org.labvault.audit.domain.StoredRecord;
import org.labvault.audit.port.AuditStore;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.aws.AuditItems;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.http.Page;
import org.labvault.shared.http.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Audit chains in the LabVault table: a chain is read in its own partition by seq; records by time
 * are read in {@link Keys#GSI1}, one UTC day partition after the other from the day of
 * {@code since} to today.
 */
public final class DynamoAuditStore implements AuditStore {

  /** How far back {@code since} may reach: each day is one query, even when it holds nothing. */
  public static final int MAX_DAYS = 366;

  private final DynamoDbClient dynamo;
  private final PageTokens tokens;
  private final Clock clock;
  private final String table;

  @Inject
  public DynamoAuditStore(DynamoDbClient dynamo, PageTokens tokens, Clock clock, Config config) {
    this.dynamo = dynamo;
    this.tokens = tokens;
    this.clock = clock;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public Page<AuditRecord> since(Instant since, PageRequest page) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate first = LocalDate.ofInstant(since, ZoneOffset.UTC);
    if (ChronoUnit.DAYS.between(first, today) > MAX_DAYS) {
      throw ValidationException.field("since", "must be within the last " + MAX_DAYS + " days");
    }
    String from = Times.format(since);
    String list = "audit:" + from;
    Map<String, AttributeValue> start = tokens.decode(page.nextToken(), list, PageTokens.GSI1_KEY);
    LocalDate day = start == null ? first : dayOf(start.get(Keys.GSI1_PK).s(), first, today);
    List<AuditRecord> items = new ArrayList<>();
    Map<String, AttributeValue> last = null;
    while (!day.isAfter(today) && items.size() < page.limit()) {
      Map<String, AttributeValue> exclusiveStart = start;
      String partition = Keys.auditDay(day.toString());
      int wanted = page.limit() - items.size();
      QueryResponse res = dynamo.query(q -> q.tableName(table).indexName(Keys.GSI1)
          .keyConditionExpression("#pk = :day AND #sk >= :from")
          .expressionAttributeNames(Map.of("#pk", Keys.GSI1_PK, "#sk", Keys.GSI1_SK))
          .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(partition), ":from", AttributeValue.fromS(from)))
          .exclusiveStartKey(exclusiveStart).limit(wanted));
      for (Map<String, AttributeValue> item : res.items()) {
        items.add(AuditItems.record(item));
        last = item;
      }
      if (res.hasLastEvaluatedKey() && !res.lastEvaluatedKey().isEmpty()) {
        start = res.lastEvaluatedKey();
      } else {
        start = null;
        day = day.plusDays(1);
      }
    }
    boolean more = start != null || !day.isAfter(today);
    String next = more && last != null && items.size() >= page.limit() ? tokens.encode(list, keyOf(last)) : null;
    return new Page<>(items, next);
  }

  @Override
  public Optional<ChainHead> head(int chain) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(AuditItems.headKey(chain)).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChainHead(AuditItems.headSeq(item), AuditItems.headHash(item)));
  }

  @Override
  public Iterable<StoredRecord> chain(int chain) {
    SdkIterable<Map<String, AttributeValue>> items = dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
        .keyConditionExpression("#pk = :chain AND begins_with(#sk, :records)")
        .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
        .expressionAttributeValues(Map.of(":chain", AttributeValue.fromS(Keys.auditChain(chain)),
            ":records", AttributeValue.fromS(Keys.AUDIT_RECORD_PREFIX)))).items();
    return () -> {
      var it = items.iterator();
      return new java.util.Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public StoredRecord next() {
          Map<String, AttributeValue> item = it.next();
          return new StoredRecord(AuditItems.positionOf(item), AuditItems.record(item));
        }
      };
    };
  }

  /** The day a genuine token's key is in; a token can only name a day this list reads. */
  private static LocalDate dayOf(String partition, LocalDate first, LocalDate today) {
    try {
      LocalDate day = LocalDate.parse(partition.substring(partition.indexOf('#') + 1));
      if (!day.isBefore(first) && !day.isAfter(today)) {
        return day;
      }
    } catch (DateTimeParseException | IndexOutOfBoundsException e) {
      // reported below
    }
    throw ValidationException.field("nextToken", "is not a token this list issued");
  }

  /** The index key of a record item: where the next page starts. */
  private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new HashMap<>();
    for (String name : PageTokens.GSI1_KEY) {
      key.put(name, item.get(name));
    }
    return key;
  }
}
