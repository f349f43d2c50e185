package org.labvault.shared.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.auth.MembershipReader;
import org.labvault.shared.auth.Role;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Memberships for the authorization path: strongly consistent GetItem of the member item. */
public final class DynamoMembershipReader implements MembershipReader {

  private static final int BATCH = 100;

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoMembershipReader(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  private static Map<String, AttributeValue> key(String groupId, String userId) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.group(groupId)), Keys.SK, AttributeValue.fromS(Keys.member(userId)));
  }

  @Override
  public Optional<Role> roleOf(String groupId, String userId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(key(groupId, userId))
        .consistentRead(true).projectionExpression("#r").expressionAttributeNames(Map.of("#r", "role"))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Role.parse(item.get("role").s());
  }

  @Override
  public Map<String, Role> rolesOf(Collection<String> groupIds, String userId) {
    Map<String, Role> roles = new HashMap<>();
    List<String> ids = new ArrayList<>(groupIds);
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream()
          .map(g -> key(g, userId)).toList();
      Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys)
          .consistentRead(true).projectionExpression("pk, #r").expressionAttributeNames(Map.of("#r", "role")).build());
      for (int attempt = 0; pending != null && !pending.isEmpty(); attempt++) {
        Backoff.pause(attempt);
        var request = pending;
        var response = dynamo.batchGetItem(b -> b.requestItems(request));
        for (var item : response.responses().getOrDefault(table, List.of())) {
          String groupId = item.get(Keys.PK).s().substring("GROUP#".length());
          Role.parse(item.get("role").s()).ifPresent(role -> roles.put(groupId, role));
        }
        pending = response.unprocessedKeys(); // throttled keys: asked again after a pause
      }
    }
    return roles;
  }
}
