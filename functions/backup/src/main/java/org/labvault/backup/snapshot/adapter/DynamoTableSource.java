package org.labvault.backup.snapshot.adapter;

import java.util.List;
import java.util.function.Consumer;
import javax.inject.Inject;
import org.labvault.backup.snapshot.port.TableSource;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The metadata table (TABLE_NAME) read with a parallel Scan. */
public final class DynamoTableSource implements TableSource {

  private final DynamoDbClient dynamo;
  private final Config config;

  @Inject
  public DynamoTableSource(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.config = config;
  }

  @Override
  public void scanSegment(int segment, int totalSegments, Consumer<List<String>> page) {
    DynamoScans.scanSegment(dynamo, config.require(Config.Names.TABLE_NAME), segment, totalSegments, page);
  }
}
