package org.labvault.ops.adapter;

import java.time.Duration;
import javax.inject.Inject;
import org.labvault.ops.port.DependencyProbe;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** DynamoDB answers and the LabVault table is usable. */
public final class DynamoDbProbe implements DependencyProbe {

  private final DynamoDbClient dynamo;
  private final String tableName;

  @Inject
  DynamoDbProbe(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.tableName = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public String name() {
    return "dynamodb";
  }

  @Override
  public void check() {
    var status =
        dynamo
            .describeTable(
                r -> r.tableName(tableName)
                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(2))))
            .table()
            .tableStatus();
    if (status != TableStatus.ACTIVE && status != TableStatus.UPDATING) {
      throw new IllegalStateException("table is " + status);
    }
  }
}
