package org.labvault.shared.aws;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Strongly consistent BatchGetItem of many keys: 100 per call, throttled keys asked again after a pause. */
final class BatchReads {

  private static final int BATCH = 100;

  private BatchReads() {}

  static void get(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys, String projection,
      Map<String, String> names, Consumer<Map<String, AttributeValue>> each) {
    for (int from = 0; from < keys.size(); from += BATCH) {
      var request = KeysAndAttributes.builder().keys(keys.subList(from, Math.min(keys.size(), from + BATCH)))
          .consistentRead(true).projectionExpression(projection);
      if (!names.isEmpty()) {
        request.expressionAttributeNames(names);
      }
      Map<String, KeysAndAttributes> pending = Map.of(table, request.build());
      for (int attempt = 0; pending != null && !pending.isEmpty(); attempt++) {
        Backoff.pause(attempt);
        var asked = pending;
        var response = dynamo.batchGetItem(b -> b.requestItems(asked));
        response.responses().getOrDefault(table, List.of()).forEach(each);
        pending = response.unprocessedKeys();
      }
    }
  }
}
