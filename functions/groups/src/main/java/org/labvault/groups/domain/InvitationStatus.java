package org.labvault.groups.domain;

/** Where an invitation stands. Only PENDING ones can be accepted, declined or revoked. */
public enum InvitationStatus {
  PENDING,
  ACCEPTED,
  DECLINED,
  REVOKED
}
