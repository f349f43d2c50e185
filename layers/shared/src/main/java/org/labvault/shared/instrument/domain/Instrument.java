package org.labvault.shared.instrument.domain;

import java.time.Instant;

/**
 * A registered instrument: an IoT thing named by its id, with one certificate IoT Core issued from
 * the instrument's own CSR. Only its owner sees it; groups use it only where an ADMIN granted it.
 *
 * @param certificateId hex SHA-256 of the certificate's DER, as IoT Core names certificates
 * @param certificateArn the certificate's ARN in IoT Core (what is attached and detached)
 */
public record Instrument(String instrumentId, String ownerId, String tenant, String name, String serialNumber,
    String certificateId, String certificateArn, String certificatePem, Instant createdAt, InstrumentStatus status) {

  /** The user id an instrument acts under: what {@code createdBy} and audit records show. */
  public String principalId() {
    return org.labvault.shared.auth.Principal.INSTRUMENT_PREFIX + instrumentId;
  }
}
