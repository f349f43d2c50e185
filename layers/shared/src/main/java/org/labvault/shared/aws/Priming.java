package org.labvault.shared.aws;

import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.labvault.shared.config.Config;
import org.labvault.shared.id.Ids;
import org.labvault.shared.snapstart.FixedContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What functions do around their SnapStart snapshot beside their own priming request: before the
 * snapshot, a consistent read of a key no item has, inside the partitions the function's role may
 * read (the DynamoDB client's whole path: endpoint rules, signing, the HTTP connection, JSON), so the
 * first real request finds it loaded and compiled with no data touched; in each restored copy, fresh
 * random state and credentials, since every copy of one snapshot starts from the same memory.
 */
@Singleton
public final class Priming {

  /** An id no item is ever stored under (ids are UUIDv7 with a time and random bits): priming reads name it. */
  public static final String NO_SUCH_ID = "00000000-0000-7000-8000-000000000000";

  /** The context event consumers get for their priming event. */
  public static final com.amazonaws.services.lambda.runtime.Context CONTEXT = new FixedContext("priming", "priming", 60_000);

  private final DynamoDbClient dynamo;
  private final Config config;

  @Inject
  public Priming(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.config = config; // the table is named only by functions that read it
  }

  /**
   * The priming read of {@code partition}'s META item, e.g. {@code Keys.asset(NO_SUCH_ID)}; true when
   * it found nothing, as it always should.
   */
  public boolean readStore(String partition) {
    var key = Map.of(Keys.PK, AttributeValue.fromS(partition), Keys.SK, AttributeValue.fromS(Keys.META));
    String table = config.require(Config.Names.TABLE_NAME);
    return !dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).hasItem();
  }

  /** In a restored copy: new random seeds, credentials fetched again. */
  public void afterRestore() {
    Ids.reseed();
    RestorableCredentials.refreshAll();
  }
}
