package org.labvault.sampleeln.port;

/** LabVault's public API, as this application calls it with its own client credentials. */
public interface LabVaultApi {

  /** What LabVault answered to a confirmation. */
  enum Confirmation {
    /** 204: recorded (or recorded before: confirming is idempotent). */
    CONFIRMED,
    /** 404: LabVault knows no such deleted link of this app; nothing left to confirm. */
    GONE
  }

  /**
   * Confirms that this application deleted its copy of a deleted link.
   *
   * @throws org.labvault.shared.client.ApiUnavailableException when LabVault or the token endpoint failed or did not answer (try again later)
   */
  Confirmation confirmDeletion(String linkId);
}
