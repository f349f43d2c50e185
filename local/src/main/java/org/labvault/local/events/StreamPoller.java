package org.labvault.local.events;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.EventFilter;
import org.labvault.local.template.EventSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One DynamoDB stream event source mapping, run as Lambda runs it: the table's stream is read
 * through the DynamoDB Streams API, shard by shard, in batches of up to {@code BatchSize}; each
 * batch goes to the function synchronously (one at a time per shard, so in order) through the
 * {@link StreamBatchProcessor}. The last record processed of each shard is checkpointed, so a
 * restart resumes after it. A shard without a checkpoint starts at the mapping's starting position
 * while the mapping has processed nothing yet, else at its trim horizon (a new stream after the
 * table's stream was turned off and on, a checkpoint whose shard is gone).
 */
public final class StreamPoller implements AutoCloseable {

  /** How long an idle poller waits before it asks the stream again. */
  static final Duration IDLE_POLL = Duration.ofMillis(200);

  private final EventSource.StreamMapping mapping;
  private final String tableName;
  private final DynamoDbClient dynamoDb;
  private final DynamoDbStreamsClient streams;
  private final StreamBatchProcessor processor;
  private final ShardCheckpoints checkpoints;
  private final EventFilter filter;
  private final Map<String, String> iterators = new LinkedHashMap<>();
  private final List<String> finished = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopping;
  private String streamArn;

  /**
   * @param checkpointFile where the mapping's checkpoints are kept, or null for memory only
   */
  public StreamPoller(EventSource.StreamMapping mapping, String tableName, FunctionHost function,
      DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, Destinations destinations, Path checkpointFile) {
    this.mapping = mapping;
    this.tableName = tableName;
    this.dynamoDb = dynamoDb;
    this.streams = streams;
    this.processor = new StreamBatchProcessor(mapping, function.functionArn(), function::invoke, destinations,
        Clock.systemUTC(), StreamBatchProcessor.FIRST_BACKOFF, StreamBatchProcessor.LONGEST_BACKOFF);
    this.checkpoints = ShardCheckpoints.open(checkpointFile);
    this.filter = EventFilter.of(mapping.filters());
    this.thread = Thread.ofVirtual().name("stream-" + mapping.functionLogicalId() + "-" + mapping.name()).unstarted(this::run);
  }

  /** Starts polling (after the function is ready). */
  public StreamPoller start() {
    thread.start();
    return this;
  }

  private void run() {
    while (!stopping) {
      try {
        if (!pollOnce()) {
          Thread.sleep(IDLE_POLL);
        }
      } catch (InterruptedException stop) {
        return;
      } catch (RuntimeException e) {
        if (stopping) {
          return;
        }
        // an expired iterator, a stream turned off and on again, an engine that is stopping: start
        // over from the checkpoints rather than let the mapping die
        System.err.println("LabVault local stack: " + where() + " reads its stream again after: " + e.getMessage());
        iterators.clear();
        streamArn = null;
        try {
          Thread.sleep(Duration.ofSeconds(1));
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /** Reads one batch from each shard that has records. @return whether any shard had records */
  private boolean pollOnce() throws InterruptedException {
    discoverShards();
    boolean any = false;
    for (String shardId : List.copyOf(iterators.keySet())) {
      List<Record> batch = collect(shardId);
      if (!batch.isEmpty()) {
        any = true;
        // records no filter matches never reach the function, and count as processed (as in Lambda)
        List<StreamBatchProcessor.BatchRecord> wanted = batch.stream().map(r -> new StreamBatchProcessor.BatchRecord(
                r.dynamodb().sequenceNumber(), r.dynamodb().approximateCreationDateTime(),
                DynamoDbStreamEvents.record(r, streamArn)))
            .filter(r -> filter.passes(r.event())).toList();
        if (!wanted.isEmpty()) {
          processor.process(wanted, shardId, streamArn, sequence -> checkpoints.save(shardId, sequence));
        }
        checkpoints.save(shardId, batch.getLast().dynamodb().sequenceNumber());
      }
    }
    return any;
  }

  /** Up to BatchSize records of the shard, waiting up to MaximumBatchingWindowInSeconds to fill it. */
  private List<Record> collect(String shardId) throws InterruptedException {
    List<Record> batch = new ArrayList<>();
    long windowEnds = System.nanoTime() + Duration.ofSeconds(mapping.maximumBatchingWindowSeconds()).toNanos();
    while (batch.size() < mapping.batchSize() && iterators.containsKey(shardId)) {
      GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(iterators.get(shardId))
          .limit(Math.min(1000, mapping.batchSize() - batch.size())));
      batch.addAll(response.records());
      if (response.nextShardIterator() == null) {
        iterators.remove(shardId); // a closed shard, read to its end
        finished.add(shardId);
      } else {
        iterators.put(shardId, response.nextShardIterator());
      }
      if (batch.size() >= mapping.batchSize() || System.nanoTime() >= windowEnds || stopping) {
        break;
      }
      if (response.records().isEmpty()) {
        Thread.sleep(Math.min(IDLE_POLL.toMillis(), Math.max(1, (windowEnds - System.nanoTime()) / 1_000_000)));
      }
    }
    return batch;
  }

  private void discoverShards() {
    String latest = dynamoDb.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
    if (latest == null) {
      throw new IllegalStateException("table " + tableName + " has no stream");
    }
    if (!latest.equals(streamArn)) {
      // the first read, or the table's stream was turned off and on again: the template's GetAtt
      // names the newest stream, as a redeploy would point the mapping at it
      streamArn = latest;
      iterators.clear();
      finished.clear();
    }
    StreamDescription stream = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription();
    List<Shard> shards = new ArrayList<>(stream.shards());
    String last = stream.lastEvaluatedShardId();
    while (last != null) {
      String from = last;
      StreamDescription more = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(from))
          .streamDescription();
      shards.addAll(more.shards());
      last = more.lastEvaluatedShardId();
    }
    for (Shard shard : shards) {
      String id = shard.shardId();
      if (iterators.containsKey(id) || finished.contains(id)) {
        continue;
      }
      // a child shard waits for its parent to be read to its end, as Lambda keeps order across them
      if (shard.parentShardId() != null && iterators.containsKey(shard.parentShardId())) {
        continue;
      }
      iterators.put(id, iterator(id));
    }
  }

  private String iterator(String shardId) {
    String checkpoint = checkpoints.of(shardId);
    if (checkpoint != null) {
      return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
          .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(checkpoint)).shardIterator();
    }
    // LATEST applies until the mapping has processed something; a shard met later (a new stream,
    // a checkpoint whose shard is gone) is read from its start
    ShardIteratorType type = checkpoints.isEmpty() && mapping.startingPosition().equals("LATEST")
        ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
    return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(type))
        .shardIterator();
  }

  private String where() {
    return mapping.functionLogicalId() + ".Events." + mapping.name();
  }

  /** Stops after the batch under way (its records are not checkpointed unless they finished). */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    thread.interrupt();
    thread.join(Duration.ofSeconds(5));
  }
}
