package org.labvault.backup.snapshot.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** DynamoScratchTables on the DynamoDB engine in process. */
class SnapshotScratchTablesTest {

  static final String PREFIX = "labvault-test-drill-";
  static final Config CONFIG = Config.from(Map.of(Config.Names.DRILL_TABLE_PREFIX, PREFIX));

  private EmbeddedTable engine;

  @BeforeEach
  void setUp() {
    engine = new EmbeddedTable();
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  static List<String> lines(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(ItemJson.toLine(Map.of("pk", AttributeValue.fromS("P#" + (i % 7)), "sk", AttributeValue.fromS("S#" + i),
          "n", AttributeValue.fromN(Integer.toString(i)))));
    }
    return lines;
  }

  @Test
  void scratchTable_shouldHoldWhatWasWrittenUntilDropped_whenWrittenInSeveralBatches() {
    // given
    var scratch = new DynamoScratchTables(engine.client(), CONFIG);
    List<String> written = lines(60);

    // when
    scratch.create("drill-1");
    scratch.write("drill-1", written);
    List<String> read = Collections.synchronizedList(new ArrayList<>());
    scratch.scan("drill-1", 3, read::addAll);

    // then
    assertThat(engine.client().listTables().tableNames()).contains(PREFIX + "drill-1");
    assertThat(read).containsExactlyInAnyOrderElementsOf(written);

    // when: dropped, then dropped again
    scratch.drop("drill-1");
    scratch.drop("drill-1");

    // then
    assertThat(engine.client().listTables().tableNames()).containsExactly(EmbeddedTable.NAME);
  }

  @Test
  void write_shouldRetryUnprocessedItems_whenTheTableTakesOnlyPartOfABatch() {
    // given
    var calls = new AtomicInteger();
    var scratch = new DynamoScratchTables(new HalfTakingClient(engine.client(), calls), CONFIG);
    scratch.create("drill-2");

    // when
    scratch.write("drill-2", lines(25));

    // then
    List<String> read = Collections.synchronizedList(new ArrayList<>());
    scratch.scan("drill-2", 1, read::addAll);
    assertThat(read).containsExactlyInAnyOrderElementsOf(lines(25));
    assertThat(calls.get()).isGreaterThan(1);
  }

  @Test
  void write_shouldFail_whenTheTableNeverTakesTheItems() {
    // given
    var scratch = new DynamoScratchTables(new RefusingClient(engine.client()), CONFIG);
    scratch.create("drill-3");

    // when / then
    assertThatThrownBy(() -> scratch.write("drill-3", lines(3))).hasMessageContaining(PREFIX + "drill-3");
  }

  /** Writes only the first half of each batch and returns the rest as unprocessed, as a throttled table does. */
  private record HalfTakingClient(DynamoDbClient real, AtomicInteger calls) implements Delegating {
    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      calls.incrementAndGet();
      var table = request.requestItems().keySet().iterator().next();
      List<WriteRequest> all = request.requestItems().get(table);
      int taken = Math.max(1, all.size() / 2);
      real.batchWriteItem(r -> r.requestItems(Map.of(table, all.subList(0, taken))));
      var left = all.subList(taken, all.size());
      return BatchWriteItemResponse.builder().unprocessedItems(left.isEmpty() ? Map.of() : Map.of(table, left)).build();
    }
  }

  /** Takes nothing, ever. */
  private record RefusingClient(DynamoDbClient real) implements Delegating {
    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      return BatchWriteItemResponse.builder().unprocessedItems(request.requestItems()).build();
    }
  }

  /** A client passing table administration and scans to the engine. */
  private interface Delegating extends DynamoDbClient {
    DynamoDbClient real();

    @Override
    default software.amazon.awssdk.services.dynamodb.model.CreateTableResponse createTable(
        software.amazon.awssdk.services.dynamodb.model.CreateTableRequest r) {
      return real().createTable(r);
    }

    @Override
    default software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse describeTable(
        software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest r) {
      return real().describeTable(r);
    }

    @Override
    default software.amazon.awssdk.services.dynamodb.model.ScanResponse scan(software.amazon.awssdk.services.dynamodb.model.ScanRequest r) {
      return real().scan(r);
    }

    @Override
    default software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration serviceClientConfiguration() {
      return real().serviceClientConfiguration();
    }

    @Override
    default String serviceName() {
      return DynamoDbClient.SERVICE_NAME;
    }

    @Override
    default void close() {}
  }
}
