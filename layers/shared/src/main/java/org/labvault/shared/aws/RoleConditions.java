package org.labvault.shared.aws;

import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Role;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * "The member's role still allows what the route was allowed", as a transaction item: the request
 * was authorized on a read before the write, and a role changed in between must stop the write. The
 * roles come from {@link Role#allowing}, the one roles-and-actions table, never retyped.
 */
public final class RoleConditions {
  private RoleConditions() {}

  /**
   * A check that the item at {@code memberKey} holds, in {@code roleAttribute}, a role that allows
   * {@code action}; it fails, with {@code onConditionFailed}, when the role changed or the item is gone.
   */
  public static TxItem stillAllows(String table, Map<String, AttributeValue> memberKey, String roleAttribute,
      Action action, Supplier<? extends RuntimeException> onConditionFailed) {
    Map<String, AttributeValue> values = new HashMap<>();
    StringJoiner in = new StringJoiner(", ", "#role IN (", ")");
    for (Role role : Role.allowing(action)) {
      String placeholder = ":role" + values.size();
      values.put(placeholder, AttributeValue.fromS(role.name()));
      in.add(placeholder);
    }
    return Tx.check(table, memberKey, in.toString(), Map.of("#role", roleAttribute), values, onConditionFailed);
  }
}
