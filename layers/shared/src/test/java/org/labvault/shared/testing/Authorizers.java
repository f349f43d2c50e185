package org.labvault.shared.testing;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.AssetLocator;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.MembershipReader;
import org.labvault.shared.auth.Role;

/** Authorizers for tests of what needs only its operator gate: no group, member or asset exists. */
public final class Authorizers {
  private Authorizers() {}

  /** An authorizer that finds no membership and no asset, recording its audit events into {@code audit}. */
  public static Authorizer knowingNoMembers(AuditLog audit, Clock clock) {
    MembershipReader noMembers = new MembershipReader() {
      @Override
      public Optional<Role> roleOf(String groupId, String userId) {
        return Optional.empty();
      }

      @Override
      public Map<String, Role> rolesOf(Collection<String> groupIds, String userId) {
        return Map.of();
      }
    };
    AssetLocator noAssets = new AssetLocator() {
      @Override
      public Optional<String> groupOf(String assetId) {
        return Optional.empty();
      }

      @Override
      public Map<String, String> groupsOf(Collection<String> assetIds) {
        return Map.of();
      }
    };
    return new Authorizer(noMembers, noAssets, audit, clock);
  }
}
