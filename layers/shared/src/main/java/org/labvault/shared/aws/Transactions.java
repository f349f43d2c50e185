package org.labvault.shared.aws;

import java.util.List;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs a DynamoDB write transaction: all of its conditions hold and all items change, or nothing
 * does. Conflicts with concurrent transactions are retried with backoff; a failed condition is
 * turned into the domain's answer by the caller, knowing which item's condition failed. Inside an
 * audited change ({@code AuditLog.recordWith}) the change's audit record joins the transaction.
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

  /**
   * @param onConditionFailed given the index of the first item whose condition failed, the
   *     exception to throw
   */
  public static void write(DynamoDbClient dynamo, List<TransactWriteItem> items, IntFunction<RuntimeException> onConditionFailed) {
    PendingAudit audit = PendingAudit.waitingFor(items.size());
    if (audit != null) {
      audit.writeWith(items, onConditionFailed); // the change and its audit record, one transaction
      return;
    }
    for (int attempt = 0; ; attempt++) {
      Backoff.pause(attempt);
      try {
        dynamo.transactWriteItems(r -> r.transactItems(items));
        return;
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        for (int i = 0; i < reasons.size(); i++) {
          if (CONDITION_FAILED.equals(reasons.get(i).code())) {
            throw onConditionFailed.apply(i);
          }
        }
        boolean conflict = reasons.stream().anyMatch(r -> CONFLICT.equals(r.code()));
        if (!conflict || attempt + 1 >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
