package org.labvault.shared.aws;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The items of a write transaction. Every attribute name goes through {@code #name} placeholders
 * (many, like {@code status} and {@code name}, are reserved words).
 */
public final class Tx {
  private Tx() {}

  public static TransactWriteItem put(String table, Map<String, AttributeValue> item, String condition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    return TransactWriteItem.builder().put(p -> {
      p.tableName(table).item(item);
      if (condition != null) {
        p.conditionExpression(condition);
        if (!names.isEmpty()) {
          p.expressionAttributeNames(names);
        }
        if (!values.isEmpty()) {
          p.expressionAttributeValues(values);
        }
      }
    }).build();
  }

  public static TransactWriteItem update(String table, Map<String, AttributeValue> key, String update,
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

  public static TransactWriteItem delete(String table, Map<String, AttributeValue> key, String condition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    return TransactWriteItem.builder().delete(d -> {
      d.tableName(table).key(key);
      if (condition != null) {
        d.conditionExpression(condition);
        if (!names.isEmpty()) {
          d.expressionAttributeNames(names);
        }
        if (!values.isEmpty()) {
          d.expressionAttributeValues(values);
        }
      }
    }).build();
  }

  public static TransactWriteItem check(String table, Map<String, AttributeValue> key, String condition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    return TransactWriteItem.builder().conditionCheck(c -> {
      c.tableName(table).key(key).conditionExpression(condition);
      if (!names.isEmpty()) {
        c.expressionAttributeNames(names);
      }
      if (!values.isEmpty()) {
        c.expressionAttributeValues(values);
      }
    }).build();
  }
}
