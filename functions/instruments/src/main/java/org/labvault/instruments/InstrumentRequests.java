package org.labvault.instruments;

import org.labvault.shared.instrument.domain.CertificateRequest;
import org.labvault.shared.validation.Text;

/** The bodies the Instruments routes accept, checked field by field. */
final class InstrumentRequests {

  static final int MAX_NAME = 100;
  static final int MAX_SERIAL_NUMBER = 64;

  private InstrumentRequests() {}

  /** {@code POST /instruments}: the instrument's name, serial number and its own CSR. */
  record Register(String name, String serialNumber, String csrPem) {

    /** Every field checked; the CSR's signature verified and its key strong enough. */
    Registration checked() {
      return new Registration(
          Text.line("name", name, 1, MAX_NAME),
          Text.line("serialNumber", serialNumber, 1, MAX_SERIAL_NUMBER),
          CertificateRequest.fromPem("csrPem", csrPem));
    }
  }

  /** A checked registration. */
  record Registration(String name, String serialNumber, CertificateRequest csr) {}
}
