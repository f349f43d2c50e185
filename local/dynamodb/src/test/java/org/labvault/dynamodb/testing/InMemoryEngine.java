package org.labvault.dynamodb.testing;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.labvault.dynamodb.DynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A fresh memory-only engine and an SDK client on it for each test, set up by {@code setup}. */
public final class InMemoryEngine implements BeforeEachCallback, AfterEachCallback {

  private final Consumer<DynamoDbClient> setup;
  private DynamoDb engine;
  private DynamoDbClient client;

  public InMemoryEngine(Consumer<DynamoDbClient> setup) {
    this.setup = setup;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    engine = DynamoDb.inMemory();
    client = SdkClients.client(engine);
    setup.accept(client);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    client.close();
    engine.close();
  }

  public DynamoDb engine() {
    return engine;
  }

  public DynamoDbClient client() {
    return client;
  }
}
