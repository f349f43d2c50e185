package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.labvault.dynamodb.DynamoDbException;

/** The request-shape checks of the item operations, in DynamoDB's order, before any table is read. */
final class RequestChecks {

  private RequestChecks() {}

  static void putItem(JsonNode r) {
    tableName(r);
  }

  static void getItem(JsonNode r) {
    tableName(r);
  }

  static void updateItem(JsonNode r) {
    tableName(r);
  }

  static void deleteItem(JsonNode r) {
    tableName(r);
  }

  static void query(JsonNode r) {
    tableName(r);
  }

  static void scan(JsonNode r) {
    tableName(r);
  }

  private static void tableName(JsonNode r) {
    String name = Requests.text(r, "TableName");
    if (name == null) {
      throw DynamoDbException.validation(
          "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    }
  }
}
