package org.labvault.shared.aws;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The items of a write transaction. Every attribute name goes through {@code #name} placeholders
 * (many, like {@code status} and {@code name}, are reserved words). An item with a condition is
 * built with the failure it stands for ({@code onConditionFailed}), so that a failed condition is
 * answered by its own item, never by its position in the transaction.
 */
public final class Tx {
  private Tx() {}

  /** Puts {@code item} whatever is stored under its key. */
  public static TxItem put(String table, Map<String, AttributeValue> item) {
    return new TxItem(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build(), null);
  }

  public static TxItem put(String table, Map<String, AttributeValue> item, String condition,
      Map<String, String> names, Map<String, AttributeValue> values, Supplier<? extends RuntimeException> onConditionFailed) {
    return conditional(TransactWriteItem.builder().put(p -> {
      p.tableName(table).item(item).conditionExpression(condition);
      if (!names.isEmpty()) {
        p.expressionAttributeNames(names);
      }
      if (!values.isEmpty()) {
        p.expressionAttributeValues(values);
      }
    }).build(), onConditionFailed);
  }

  /** Updates the item under {@code key} whatever it holds (creating it when there is none). */
  public static TxItem update(String table, Map<String, AttributeValue> key, String update,
      Map<String, String> names, Map<String, AttributeValue> values) {
    return new TxItem(updateItem(table, key, update, null, names, values), null);
  }

  public static TxItem update(String table, Map<String, AttributeValue> key, String update, String condition,
      Map<String, String> names, Map<String, AttributeValue> values, Supplier<? extends RuntimeException> onConditionFailed) {
    return conditional(updateItem(table, key, update, Objects.requireNonNull(condition), names, values), onConditionFailed);
  }

  /** Deletes the item under {@code key}, if there is one. */
  public static TxItem delete(String table, Map<String, AttributeValue> key) {
    return new TxItem(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)).build(), null);
  }

  public static TxItem delete(String table, Map<String, AttributeValue> key, String condition,
      Map<String, String> names, Map<String, AttributeValue> values, Supplier<? extends RuntimeException> onConditionFailed) {
    return conditional(TransactWriteItem.builder().delete(d -> {
      d.tableName(table).key(key).conditionExpression(condition);
      if (!names.isEmpty()) {
        d.expressionAttributeNames(names);
      }
      if (!values.isEmpty()) {
        d.expressionAttributeValues(values);
      }
    }).build(), onConditionFailed);
  }

  public static TxItem check(String table, Map<String, AttributeValue> key, String condition,
      Map<String, String> names, Map<String, AttributeValue> values, Supplier<? extends RuntimeException> onConditionFailed) {
    return conditional(TransactWriteItem.builder().conditionCheck(c -> {
      c.tableName(table).key(key).conditionExpression(condition);
      if (!names.isEmpty()) {
        c.expressionAttributeNames(names);
      }
      if (!values.isEmpty()) {
        c.expressionAttributeValues(values);
      }
    }).build(), onConditionFailed);
  }

  private static TransactWriteItem updateItem(String table, Map<String, AttributeValue> key, String update,
      String condition, Map<String, String> names, Map<String, AttributeValue> values) {
    return TransactWriteItem.builder().update(u -> {
      u.tableName(table).key(key).updateExpression(update).expressionAttributeNames(names);
      if (!values.isEmpty()) {
        u.expressionAttributeValues(values);
      }
      if (condition != null) {
        u.conditionExpression(condition);
      }
    }).build();
  }

  private static TxItem conditional(TransactWriteItem item, Supplier<? extends RuntimeException> onConditionFailed) {
    return new TxItem(item, Objects.requireNonNull(onConditionFailed, "a conditional item needs the failure it stands for"));
  }
}
