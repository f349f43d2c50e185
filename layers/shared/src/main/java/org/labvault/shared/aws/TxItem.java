package org.labvault.shared.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One item of a write transaction with the failure it stands for: what to throw when its condition
 * does not hold. An item without a condition has none, since it cannot fail one. Built by {@link Tx}.
 */
public final class TxItem {
  private final TransactWriteItem item;
  private final Supplier<? extends RuntimeException> onConditionFailed;

  TxItem(TransactWriteItem item, Supplier<? extends RuntimeException> onConditionFailed) {
    this.item = item;
    this.onConditionFailed = onConditionFailed;
  }

  public TransactWriteItem item() {
    return item;
  }

  /** The failure this item stands for, or null for an item without a condition. */
  RuntimeException conditionFailed() {
    return onConditionFailed == null ? null : onConditionFailed.get();
  }
}
