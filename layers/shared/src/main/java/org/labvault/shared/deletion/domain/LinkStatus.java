package org.labvault.shared.deletion.domain;

/** Whether an app link still points at its asset. */
public enum LinkStatus {
  LIVE,
  /** Deleted by a member, or by the deletion of its asset; the app is being told. */
  DELETED
}
