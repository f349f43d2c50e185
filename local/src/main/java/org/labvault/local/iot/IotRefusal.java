package org.labvault.local.iot;

/**
 * Why the registry refuses a change, in IoT Core's terms: the IoT API answers each reason with
 * its own error type and status.
 */
public final class IotRefusal extends RuntimeException {

  /** The kinds of refusal IoT Core's registry has. */
  public enum Reason {
    /** The thing or certificate does not exist. */
    NOT_FOUND,
    /** A thing of that name exists with another configuration. */
    ALREADY_EXISTS,
    /** The request itself is wrong (a bad name, a CSR that does not verify, a second thing for an exclusive certificate). */
    INVALID,
    /** The certificate's status does not allow it (deleting an ACTIVE one, reactivating a REVOKED one). */
    CERTIFICATE_STATE,
    /** Something is still attached to what is to be deleted. */
    DELETE_CONFLICT
  }

  private final Reason reason;

  public IotRefusal(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
