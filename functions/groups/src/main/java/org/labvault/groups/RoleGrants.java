package org.labvault.groups;

import org.labvault.shared.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per role given (a role change, an accepted invitation): the CloudWatch Logs metric
 * filter on ADMIN grants reads {@code "message":"Role granted"} with {@code "role":"ADMIN"}.
 */
final class RoleGrants {

  static final String MESSAGE = "Role granted";
  private static final Logger LOG = LoggerFactory.getLogger(RoleGrants.class);

  private RoleGrants() {}

  static void log(String groupId, String userId, Role role) {
    LOG.atInfo().addKeyValue("groupId", groupId).addKeyValue("member", userId).addKeyValue("role", role.name())
        .log(MESSAGE);
  }
}
