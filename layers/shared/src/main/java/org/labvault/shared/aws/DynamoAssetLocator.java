package org.labvault.shared.aws;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.auth.AssetLocator;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An asset's group from its META item: one strongly consistent GetItem (batched for checks). */
public final class DynamoAssetLocator implements AssetLocator {

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoAssetLocator(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  private static Map<String, AttributeValue> key(String assetId) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.asset(assetId)), Keys.SK, AttributeValue.fromS(Keys.META));
  }

  @Override
  public Optional<String> groupOf(String assetId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(key(assetId)).consistentRead(true)
        .projectionExpression("groupId")).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("groupId").s());
  }

  @Override
  public Map<String, String> groupsOf(Collection<String> assetIds) {
    Map<String, String> groups = new HashMap<>();
    BatchReads.get(dynamo, table, assetIds.stream().map(DynamoAssetLocator::key).toList(), "pk, groupId", Map.of(),
        item -> groups.put(item.get(Keys.PK).s().substring("ASSET#".length()), item.get("groupId").s()));
    return groups;
  }
}
