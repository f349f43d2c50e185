package org.labvault.shared.instrument.port;

/**
 * IoT Core's registry, for instruments: a thing per instrument with exactly one certificate,
 * issued from the instrument's CSR, and the one shared instrument policy attached to it.
 */
public interface Things {

  /** A certificate IoT Core issued. */
  record Issued(String certificateId, String certificateArn, String certificatePem) {}

  /**
   * Creates the thing, issues an ACTIVE certificate from the CSR, attaches it to the thing alone
   * and attaches the instrument policy to it.
   *
   * @throws org.labvault.shared.error.ValidationException when IoT Core refuses the CSR
   */
  Issued register(String thingName, String csrPem);

  /**
   * Revokes the certificate (new connections are refused, an open one is closed), detaches it and
   * the policy, deletes the certificate and the thing. Safe to repeat: steps already done are
   * skipped.
   */
  void revoke(String thingName, String certificateArn, String certificateId);

  /** Where instruments connect: {@code mqtts://<host>:<port>}. */
  String mqttEndpoint();
}
