package org.labvault.shared.auth;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Reads memberships for the authorization path. */
public interface MembershipReader {

  /**
   * The role of {@code userId} in {@code groupId}, read strongly consistently (a removed member is
   * refused on the very next request), in exactly one read.
   */
  Optional<Role> roleOf(String groupId, String userId);

  /** The roles of {@code userId} in each of {@code groupIds} (one read per group, batched). */
  Map<String, Role> rolesOf(Collection<String> groupIds, String userId);
}
