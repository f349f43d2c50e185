package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API operation: the parsed request body in, the response body out; errors are thrown as DynamoDbException. */
@FunctionalInterface
public interface Operation {
  JsonNode apply(ObjectNode request);
}
