package org.labvault.shared.deletion.domain;

/** Why a link was deleted. */
public enum DeletionReason {
  LINK_DELETED,
  ASSET_DELETED
}
