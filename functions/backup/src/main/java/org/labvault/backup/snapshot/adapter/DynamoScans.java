package org.labvault.backup.snapshot.adapter;

import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** One segment of a parallel, strongly consistent Scan, each page handed on as item lines. */
final class DynamoScans {

  private DynamoScans() {}

  static void scanSegment(DynamoDbClient dynamo, String table, int segment, int totalSegments, Consumer<List<String>> page) {
    for (ScanResponse response : dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)
        .segment(segment).totalSegments(totalSegments))) {
      page.accept(response.items().stream().map(ItemJson::toLine).toList());
    }
  }
}
