package org.labvault.shared.aws;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.auth.MembershipReader;
import org.labvault.shared.auth.Role;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Memberships for the authorization path: strongly consistent GetItem of the member item. */
public final class DynamoMembershipReader implements MembershipReader {

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
        .consistentRead(true).projectionExpression("#r").expressionAttributeNames(Map.of("#r", Keys.ROLE))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Role.parse(item.get(Keys.ROLE).s());
  }

  @Override
  public Map<String, Role> rolesOf(Collection<String> groupIds, String userId) {
    Map<String, Role> roles = new HashMap<>();
    BatchReads.get(dynamo, table, groupIds.stream().map(g -> key(g, userId)).toList(), Keys.PK + ", #r", Map.of("#r", Keys.ROLE),
        item -> Role.parse(item.get(Keys.ROLE).s())
            .ifPresent(role -> roles.put(item.get(Keys.PK).s().substring("GROUP#".length()), role)));
    return roles;
  }
}
