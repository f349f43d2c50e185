package org.labvault.shared.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.labvault.shared.audit.AuditChains;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.config.Config;
import org.labvault.shared.snapstart.PrimingScope;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The audit trail's one writer: each record joins a hash chain (chosen by request id) as the
 * chain's next seq. The head is read strongly consistent; one transaction then moves the head on,
 * conditional on the seq just read, and puts the record, conditional on its key being new. A writer
 * that loses the race reads the head again and retries (after a pause when the transactions
 * conflicted); when it keeps losing, it throws, so the audited action fails rather than going unrecorded.
 */
public final class DynamoAuditLog implements AuditLog {

  /**
   * Attempts after a lost race; a loss to another writer is retried at once, then after a few random
   * milliseconds, a conflict after a pause. Sixteen writers on one chain win one round in sixteen:
   * with 60 attempts some records went unwritten there under load, with 400 (a few seconds at most)
   * none did in the benchmark.
   */
  static final int ATTEMPTS = 400;
  private static final int PAUSES_AFTER_CONFLICTS = 8;

  private final DynamoDbClient dynamo;
  private final Config config;
  private final String table;
  private final int attempts;
  private volatile int chains;

  @Inject
  public DynamoAuditLog(DynamoDbClient dynamo, Config config) {
    this(dynamo, config, ATTEMPTS);
  }

  DynamoAuditLog(DynamoDbClient dynamo, Config config, int attempts) {
    this.dynamo = dynamo;
    this.config = config;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.attempts = attempts;
  }

  @Override
  public void record(AuditEvent event) {
    if (PrimingScope.active()) {
      if (event.decision() == AuditEvent.Decision.DENY) {
        return; // the refusals of a priming request are no caller's (see PrimingScope)
      }
      throw new IllegalStateException("a priming request must change nothing");
    }
    writeWith(event, List.of());
  }

  /** The record joins the first transaction {@code change} writes through {@link Transactions} on this thread. */
  @Override
  public <T> T recordWith(AuditEvent allowed, Supplier<T> change) {
    if (PrimingScope.active()) {
      throw new IllegalStateException("a priming request must change nothing");
    }
    PendingAudit pending = new PendingAudit(this, allowed);
    T result = pending.around(change);
    if (!pending.written()) {
      record(allowed); // the change wrote no transaction (or one too large to take the record)
    }
    return result;
  }

  /**
   * Writes {@code change} and the event's record in one transaction: the change's conditions, the
   * chain's head and the record's new key all hold, or nothing is written. A failed condition of the
   * change throws the failure its item stands for; a lost race for the chain's next seq (the failure
   * the record's own items stand for) is retried with the change as it is.
   */
  void writeWith(AuditEvent event, List<TxItem> change) {
    int chain = AuditChains.of(event.requestId(), chains());
    int conflicts = 0;
    for (int attempt = 0; attempt < attempts; attempt++) {
      Map<String, AttributeValue> head = dynamo.getItem(r -> r.tableName(table).key(AuditItems.headKey(chain)).consistentRead(true)).item();
      boolean first = head == null || head.isEmpty();
      long seq = first ? 1 : AuditItems.headSeq(head) + 1;
      AuditRecord next = AuditRecord.chained(event, chain, seq, first ? AuditRecord.GENESIS : AuditItems.headHash(head));
      List<TxItem> items = new ArrayList<>(change);
      items.add(advanceHead(next, first));
      items.add(putRecord(next));
      try {
        dynamo.transactWriteItems(r -> r.transactItems(Transactions.requestOf(items)));
        return;
      } catch (TransactionCanceledException e) {
        Optional<RuntimeException> failure = Transactions.conditionFailure(items, e);
        if (failure.isPresent() && !(failure.get() instanceof ChainMoved)) {
          throw failure.get(); // the change's own answer
        }
        if (Transactions.conflicted(e)) {
          // both transactions may have been cancelled: wait, so that one of them goes first next time
          Backoff.pause(Math.min(++conflicts, PAUSES_AFTER_CONFLICTS));
        } else if (failure.isPresent()) {
          // another writer took this seq: the chain moved on, read its head again (after a few random
          // milliseconds once it keeps happening, so that no writer is always the last to read)
          jitter(attempt);
        } else {
          throw e;
        }
      }
    }
    throw new IllegalStateException("audit chain " + chain + " stayed contended; the record was not written");
  }

  /** What the record's own items stand for: another writer took the seq they were written for. */
  private static final class ChainMoved extends RuntimeException {
    ChainMoved() {
      super("the audit chain moved on", null, false, false); // a retry, never thrown: no stack trace
    }
  }

  private TxItem advanceHead(AuditRecord next, boolean first) {
    Map<String, AttributeValue> values = first
        ? Map.of(":seq", AttributeValue.fromN(Long.toString(next.seq())), ":hash", AttributeValue.fromS(next.hash()),
            ":type", AttributeValue.fromS(AuditItems.TYPE_HEAD))
        : Map.of(":seq", AttributeValue.fromN(Long.toString(next.seq())), ":hash", AttributeValue.fromS(next.hash()),
            ":type", AttributeValue.fromS(AuditItems.TYPE_HEAD), ":read", AttributeValue.fromN(Long.toString(next.seq() - 1)));
    String condition = first ? "attribute_not_exists(#pk)" : "#seq = :read";
    return Tx.update(table, AuditItems.headKey(next.chain()), "SET #seq = :seq, #hash = :hash, #type = :type", condition,
        first ? Map.of("#pk", Keys.PK, "#seq", AuditItems.SEQ, "#hash", AuditItems.HASH, "#type", Keys.TYPE)
            : Map.of("#seq", AuditItems.SEQ, "#hash", AuditItems.HASH, "#type", Keys.TYPE),
        values, ChainMoved::new);
  }

  private TxItem putRecord(AuditRecord next) {
    return Tx.put(table, AuditItems.item(next), "attribute_not_exists(#pk)", Map.of("#pk", Keys.PK), Map.of(), ChainMoved::new);
  }

  private static void jitter(int attempt) {
    if (attempt < 2) {
      return;
    }
    Backoff.jitter(Math.min(attempt, 20) + 1);
  }

  private int chains() {
    int n = chains;
    if (n == 0) {
      n = AuditChains.count(config);
      chains = n;
    }
    return n;
  }
}
