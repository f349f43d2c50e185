package org.labvault.shared.instrument.domain;

/** The public key of an instrument's certificate request, as far as deciding on its strength needs. */
public sealed interface InstrumentKey {

  /** For messages and logs, e.g. {@code RSA 2048} or {@code EC P-256}. */
  String description();

  /** An RSA key of {@code bits} modulus bits. */
  record Rsa(int bits) implements InstrumentKey {
    @Override
    public String description() {
      return "RSA " + bits;
    }
  }

  /** An elliptic-curve key on one of the curves we accept. */
  record Ec(Curve curve) implements InstrumentKey {
    @Override
    public String description() {
      return "EC " + curve.displayName();
    }
  }

  /** The named curves IoT Core and the contract accept. */
  enum Curve {
    P_256("P-256", "secp256r1", "1.2.840.10045.3.1.7"),
    P_384("P-384", "secp384r1", "1.3.132.0.34");

    private final String displayName;
    private final String jdkName;
    private final String oid;

    Curve(String displayName, String jdkName, String oid) {
      this.displayName = displayName;
      this.jdkName = jdkName;
      this.oid = oid;
    }

    public String displayName() {
      return displayName;
    }

    String jdkName() {
      return jdkName;
    }

    static Curve byOid(String oid) {
      for (Curve curve : values()) {
        if (curve.oid.equals(oid)) {
          return curve;
        }
      }
      return null;
    }
  }
}
