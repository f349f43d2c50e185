package org.labvault.shared.deletion.domain;

import java.time.Instant;

/**
 * A link an application holds to an asset: the app keeps a copy (named {@code externalRef} on its
 * side) and must hear when the asset or the link is deleted.
 *
 * @param groupId the asset's group (authorization is the group's)
 * @param tenant the tenant of the asset's group
 * @param deletion null while LIVE
 */
public record AppLink(
    String linkId,
    String assetId,
    String groupId,
    String tenant,
    String appId,
    String externalRef,
    Instant createdAt,
    String createdBy,
    LinkStatus status,
    LinkDeletion deletion) {

  /** A new live link. */
  public static AppLink live(String linkId, String assetId, String groupId, String tenant, String appId,
      String externalRef, Instant createdAt, String createdBy) {
    return new AppLink(linkId, assetId, groupId, tenant, appId, externalRef, createdAt, createdBy, LinkStatus.LIVE, null);
  }

  public boolean isLive() {
    return status == LinkStatus.LIVE;
  }
}
