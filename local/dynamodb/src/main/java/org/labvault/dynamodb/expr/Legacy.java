package org.labvault.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import org.labvault.dynamodb.DynamoDbException;

/** Placeholder until the legacy request shapes land. */
public final class Legacy {
  private Legacy() {}

  public static Condition expected(JsonNode expected, String conditionalOperator) {
    throw DynamoDbException.validation("Expected is not supported yet");
  }

  public static Condition filter(JsonNode filter, String conditionalOperator) {
    throw DynamoDbException.validation("QueryFilter and ScanFilter are not supported yet");
  }

  public static Update attributeUpdates(JsonNode attributeUpdates) {
    throw DynamoDbException.validation("AttributeUpdates is not supported yet");
  }

  public static KeyCondition keyConditions(JsonNode keyConditions, String hashKeyName, String rangeKeyName) {
    throw DynamoDbException.validation("KeyConditions is not supported yet");
  }
}
