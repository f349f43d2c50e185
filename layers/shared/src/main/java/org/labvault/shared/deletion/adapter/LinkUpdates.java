package org.labvault.shared.deletion.adapter;

import java.util.HashMap;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The conditional writes of one link item that both link repositories make. */
final class LinkUpdates {

  private final DynamoDbClient dynamo;
  private final String table;

  LinkUpdates(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** One conditional update of a link; false when its condition does not hold (nothing changed). */
  boolean updateIf(String linkId, String update, String condition, Map<String, String> names,
      Map<String, AttributeValue> values) {
    try {
      dynamo.updateItem(r -> r.tableName(table).key(LinkItems.key(linkId)).updateExpression(update)
          .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** {@code #name} placeholders for attribute names (many are reserved words). */
  static Map<String, String> names(String... attributes) {
    Map<String, String> names = new HashMap<>();
    for (String a : attributes) {
      names.put(placeholder(a), a);
    }
    return names;
  }

  static String placeholder(String attribute) {
    return switch (attribute) {
      case LinkItems.PUBLISHED_ATTEMPT -> "#published";
      case Keys.GSI2_PK -> "#g2pk";
      case Keys.GSI2_SK -> "#g2sk";
      default -> "#" + attribute;
    };
  }
}
