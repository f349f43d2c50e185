package org.labvault.sampleeln.adapter;

import java.util.Map;
import javax.inject.Inject;
import org.labvault.sampleeln.SampleElnSettings;
import org.labvault.sampleeln.port.CopyStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sample's copies in its own DynamoDB table, one item per external reference. */
public final class DynamoCopyStore implements CopyStore {

  /** The table's partition key. */
  public static final String EXTERNAL_REF = "externalRef";

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoCopyStore(DynamoDbClient dynamo, SampleElnSettings settings) {
    this.dynamo = dynamo;
    this.table = settings.table();
  }

  @Override
  public void delete(String externalRef) {
    dynamo.deleteItem(r -> r.tableName(table).key(Map.of(EXTERNAL_REF, AttributeValue.fromS(externalRef))));
  }
}
