package org.labvault.shared.aws;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs a DynamoDB write transaction: all of its conditions hold and all items change, or nothing
 * does. Conflicts with concurrent transactions are retried with backoff; a failed condition throws
 * the failure its item was built with ({@link Tx}). Inside an audited change
 * ({@code AuditLog.recordWith}) the change's audit record joins the transaction.
 */
public final class Transactions {

  static final int ATTEMPTS = 6;
  /**
   * The most items a change may write in one transaction: DynamoDB takes 100, and an audited
   * change's record needs two of them (the chain's head and the record).
   */
  public static final int MAX_CHANGE_ITEMS = 98;
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String CONFLICT = "TransactionConflict";

  private Transactions() {}

  /** Writes {@code items} in one transaction; when a condition fails, its item's failure is thrown. */
  public static void write(DynamoDbClient dynamo, List<TxItem> items) {
    PendingAudit audit = PendingAudit.waitingFor(items.size());
    if (audit != null) {
      audit.writeWith(items); // the change and its audit record, one transaction
      return;
    }
    for (int attempt = 0; ; attempt++) {
      Backoff.pause(attempt);
      try {
        writeOnce(dynamo, items);
        return;
      } catch (TransactionCanceledException e) {
        if (!conflicted(e) || attempt + 1 >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Writes {@code items} in one transaction, once: no retry, and no audit record joins it. When a
   * condition fails, its item's failure is thrown; any other cancellation is thrown as it is.
   */
  public static void writeOnce(DynamoDbClient dynamo, List<TxItem> items) {
    try {
      dynamo.transactWriteItems(r -> r.transactItems(requestOf(items)));
    } catch (TransactionCanceledException e) {
      Optional<RuntimeException> failure = conditionFailure(items, e);
      if (failure.isPresent()) {
        throw failure.get();
      }
      throw e;
    }
  }

  static List<TransactWriteItem> requestOf(List<TxItem> items) {
    return items.stream().map(TxItem::item).toList();
  }

  /**
   * The failure of the first item of a cancelled transaction whose condition failed, if any: DynamoDB
   * gives one reason per item, in the order of the items written.
   */
  static Optional<RuntimeException> conditionFailure(List<TxItem> items, TransactionCanceledException e) {
    List<CancellationReason> reasons = e.cancellationReasons();
    for (int i = 0; i < Math.min(reasons.size(), items.size()); i++) {
      if (CONDITION_FAILED.equals(reasons.get(i).code())) {
        RuntimeException failure = items.get(i).conditionFailed();
        if (failure != null) {
          return Optional.of(failure);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the transaction was cancelled (also) by a concurrent one touching the same items. */
  public static boolean conflicted(TransactionCanceledException e) {
    return e.cancellationReasons().stream().anyMatch(r -> CONFLICT.equals(r.code()));
  }
}
