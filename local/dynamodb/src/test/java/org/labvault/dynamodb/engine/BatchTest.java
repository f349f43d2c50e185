package org.labvault.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.labvault.dynamodb.engine.Engines.TABLE;
import static org.labvault.dynamodb.engine.Engines.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.dynamodb.testing.InMemoryEngine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem and BatchGetItem through the real SDK. */
class BatchTest {

  @RegisterExtension final InMemoryEngine db = new InMemoryEngine(Engines::createTable);

  private static Map<String, AttributeValue> key(int i) {
    return Map.of("pk", s("p" + i), "sk", s("1"));
  }

  @Test
  void aBatchWritesPutsAndDeletes_andABatchGetReadsThemProjected() {
    DynamoDbClient client = db.client();
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("gone"), "sk", s("1"))));
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      Map<String, AttributeValue> item = new java.util.HashMap<>(key(i));
      item.put("v", s("value-" + i));
      item.put("other", s("not asked for"));
      writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
    }
    writes.add(WriteRequest.builder().deleteRequest(d -> d.key(Map.of("pk", s("gone"), "sk", s("1")))).build());

    var written = client.batchWriteItem(r -> r.requestItems(Map.of(TABLE, writes)));

    assertThat(written.unprocessedItems()).isEmpty();
    var read = client.batchGetItem(r -> r.requestItems(Map.of(TABLE, KeysAndAttributes.builder()
        .keys(key(0), key(23), Map.of("pk", s("gone"), "sk", s("1"))).projectionExpression("v").build())));
    assertThat(read.responses().get(TABLE)).extracting(i -> i.get("v").s())
        .containsExactlyInAnyOrder("value-0", "value-23");
    assertThat(read.responses().get(TABLE)).allSatisfy(i -> assertThat(i).containsOnlyKeys("v"));
    assertThat(read.unprocessedKeys()).isEmpty();
  }

  @Test
  void theSameKeyTwiceInOneBatchIsRefused_andNothingIsWritten() {
    DynamoDbClient client = db.client();
    WriteRequest put = WriteRequest.builder().putRequest(p -> p.item(key(1))).build();
    WriteRequest delete = WriteRequest.builder().deleteRequest(d -> d.key(key(1))).build();

    DynamoDbException e = catchThrowableOfType(DynamoDbException.class,
        () -> client.batchWriteItem(r -> r.requestItems(Map.of(TABLE, List.of(put, delete)))));

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Provided list of item keys contains duplicates");
    assertThat(client.getItem(r -> r.tableName(TABLE).key(key(1))).hasItem()).isFalse();
  }
}
