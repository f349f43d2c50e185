package org.labvault.audit.adapter;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.audit.domain.ChainHead;
import org.labvault.audit.domain.StoredRecord;
import org.labvault.audit.port.AuditStore;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.aws.AuditItems;
import org.labvault.shared.aws.DailyPages;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.config.Config;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Audit chains in the LabVault table: a chain is read in its own partition by seq; records by time
 * are read in {@link Keys#GSI1}, one UTC day partition after the other from the day of
 * {@code since} to today.
 */
public final class DynamoAuditStore implements AuditStore {

  /** The records by UTC day, in the day index, sorted by time, chain and seq. */
  private static final DailyPages.Days RECORDS_BY_DAY =
      new DailyPages.Days(Keys.GSI1, Keys.GSI1_PK, Keys.GSI1_SK, PageTokens.GSI1_KEY, Keys::auditDay);

  private final DynamoDbClient dynamo;
  private final DailyPages pages;
  private final String table;

  @Inject
  public DynamoAuditStore(DynamoDbClient dynamo, DailyPages pages, Config config) {
    this.dynamo = dynamo;
    this.pages = pages;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public Page<AuditRecord> since(Instant since, PageRequest page) {
    return pages.since(RECORDS_BY_DAY, "audit", since, page, AuditItems::record);
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

  @Override
  public Optional<AuditRecord> record(int chain, long seq) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
        .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.auditChain(chain)), Keys.SK, AttributeValue.fromS(Keys.auditRecord(seq))))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AuditItems.record(item));
  }
}
