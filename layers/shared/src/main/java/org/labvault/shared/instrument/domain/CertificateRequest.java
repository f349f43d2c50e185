package org.labvault.shared.instrument.domain;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.security.auth.x500.X500Principal;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.instrument.domain.DerReader.DerException;
import org.labvault.shared.instrument.domain.DerReader.Element;
import org.labvault.shared.instrument.domain.SignatureAlgorithm.KeyFamily;

/**
 * An instrument's PKCS#10 certificate request (RFC 2986) that proved it holds the private key (its
 * signature verifies with its own public key) and whose key is strong enough: RSA 2048..8192 bits
 * or EC on P-256 or P-384. Checked with the JDK alone, so the Lambda layer carries no crypto library.
 */
public final class CertificateRequest {

  static final int MIN_RSA_BITS = 2048;
  /** Larger keys buy nothing and make every TLS handshake slow; IoT Core devices do not use them. */
  static final int MAX_RSA_BITS = 8192;

  private static final String RSA_KEY = "1.2.840.113549.1.1.1";
  private static final String EC_KEY = "1.2.840.10045.2.1";

  private final byte[] der;
  private final InstrumentKey key;
  private final String subject;

  private CertificateRequest(byte[] der, InstrumentKey key, String subject) {
    this.der = der;
    this.key = key;
    this.subject = subject;
  }

  /**
   * Parses and checks the PEM a client sent in {@code field}.
   *
   * @throws ValidationException naming {@code field} and why the request is refused
   */
  public static CertificateRequest fromPem(String field, String pem) {
    byte[] der = CsrPem.decode(field, pem);
    try {
      return check(field, der);
    } catch (DerException e) {
      throw ValidationException.field(field, "is not a well-formed PKCS#10 certificate request: " + e.getMessage());
    }
  }

  /** The request's DER encoding. */
  public byte[] der() {
    return der.clone();
  }

  public InstrumentKey key() {
    return key;
  }

  /** The subject in RFC 2253 form, as the client chose it; not trusted for identity. */
  public String subject() {
    return subject;
  }

  /** The request as one PEM block with 64-character lines, e.g. for IoT Core's CreateCertificateFromCsr. */
  public String toPem() {
    return CsrPem.encode(der);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CertificateRequest that && Arrays.equals(der, that.der);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(der);
  }

  @Override
  public String toString() {
    return "CertificateRequest[" + key.description() + "]";
  }

  private static CertificateRequest check(String field, byte[] der) {
    var outer = DerReader.of(der);
    var request = outer.next(DerReader.SEQUENCE, "the request");
    outer.expectEnd();

    var parts = outer.contents(request);
    Element info = parts.next(DerReader.SEQUENCE, "the request info");
    Element signatureAlgorithmId = parts.next(DerReader.SEQUENCE, "the signature algorithm");
    byte[] signatureBytes = parts.bitString(parts.next(DerReader.BIT_STRING, "the signature"));
    parts.expectEnd();

    var infoParts = parts.contents(info);
    if (!infoParts.integer(infoParts.next(DerReader.INTEGER, "the version")).equals(BigInteger.ZERO)) {
      throw ValidationException.field(field, "must be a PKCS#10 version 1 request (version 0)");
    }
    Element name = infoParts.next(DerReader.SEQUENCE, "the subject");
    Element publicKeyInfo = infoParts.next(DerReader.SEQUENCE, "the subject public key info");
    requireAttributes(infoParts, infoParts.next(DerReader.CONTEXT_0, "the attributes"));
    infoParts.expectEnd();

    // The key first: a client with an unsupported key learns that, not which signature goes with it.
    var publicKey = PublicKeys.read(field, infoParts, publicKeyInfo);
    var algorithm = signatureAlgorithm(field, parts, signatureAlgorithmId);
    if (algorithm.keyFamily() != publicKey.family()) {
      throw ValidationException.field(field, "the signature algorithm does not match the key type");
    }
    if (!verifies(algorithm, publicKey.key(), parts.encoded(info), signatureBytes)) {
      throw ValidationException.field(field, "the signature does not verify with the request's own"
          + " public key (the request was altered or not signed by its key)");
    }
    return new CertificateRequest(der, publicKey.instrumentKey(), subject(field, infoParts.encoded(name)));
  }

  private static SignatureAlgorithm signatureAlgorithm(String field, DerReader parts, Element identifier) {
    var fields = parts.contents(identifier);
    String oid = fields.oid(fields.next(DerReader.OID, "the signature algorithm identifier"));
    var algorithm = SignatureAlgorithm.byOid(oid);
    if (algorithm == null) {
      String known = SignatureAlgorithm.refusedName(oid);
      throw ValidationException.field(field, "is signed with "
          + (known == null ? "an unsupported algorithm" : known)
          + "; use SHA-256, SHA-384 or SHA-512 with RSA (PKCS#1 v1.5) or ECDSA");
    }
    // RSA identifiers carry NULL parameters (or, from some encoders, none); ECDSA ones carry none.
    var parameters = fields.nextIf(DerReader.NULL);
    if (parameters != null && (parameters.contentLength() != 0 || algorithm.keyFamily() != KeyFamily.RSA)) {
      throw new DerException("the signature algorithm has unexpected parameters");
    }
    fields.expectEnd();
    return algorithm;
  }

  /** Walks the attribute set (SET OF {type, SET OF value}) so a malformed one is refused, not skipped. */
  private static void requireAttributes(DerReader reader, Element attributes) {
    var each = reader.contents(attributes);
    while (each.hasMore()) {
      var attribute = each.contents(each.next(DerReader.SEQUENCE, "an attribute"));
      attribute.oid(attribute.next(DerReader.OID, "an attribute type"));
      attribute.next(DerReader.SET, "an attribute's values");
      attribute.expectEnd();
    }
  }

  private static boolean verifies(SignatureAlgorithm algorithm, PublicKey key, byte[] signed, byte[] signature) {
    try {
      var verifier = Signature.getInstance(algorithm.jdkName());
      verifier.initVerify(key);
      verifier.update(signed);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false; // a malformed signature (wrong length, bad ECDSA encoding) does not verify either
    }
  }

  private static String subject(String field, byte[] name) {
    try {
      return new X500Principal(name).getName(X500Principal.RFC2253);
    } catch (IllegalArgumentException e) {
      throw ValidationException.field(field, "the subject is not a valid distinguished name");
    }
  }

  /** The public key, its family, and what the contract needs to know of its strength. */
  private record PublicKeys(KeyFamily family, PublicKey key, InstrumentKey instrumentKey) {

    static PublicKeys read(String field, DerReader reader, Element publicKeyInfo) {
      var parts = reader.contents(publicKeyInfo);
      var algorithm = parts.contents(parts.next(DerReader.SEQUENCE, "the key algorithm"));
      parts.bitString(parts.next(DerReader.BIT_STRING, "the public key"));
      parts.expectEnd();
      String oid = algorithm.oid(algorithm.next(DerReader.OID, "the key algorithm identifier"));
      byte[] encoded = reader.encoded(publicKeyInfo);
      return switch (oid) {
        case RSA_KEY -> rsa(field, algorithm, encoded);
        case EC_KEY -> ec(field, algorithm, encoded);
        default -> throw ValidationException.field(field,
            "has " + KeyNames.keyType(oid) + "; use RSA (2048 to 8192 bits) or EC on P-256 or P-384");
      };
    }

    private static PublicKeys rsa(String field, DerReader algorithm, byte[] encoded) {
      var parameters = algorithm.nextIf(DerReader.NULL);
      if (parameters == null || parameters.contentLength() != 0) {
        throw new DerException("an RSA key identifier must carry NULL parameters");
      }
      algorithm.expectEnd();
      var key = (RSAPublicKey) generate(field, "RSA", encoded);
      int bits = key.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw ValidationException.field(field,
            "has an RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " are required");
      }
      if (bits > MAX_RSA_BITS) {
        throw ValidationException.field(field,
            "has an RSA key of " + bits + " bits; at most " + MAX_RSA_BITS + " are accepted");
      }
      return new PublicKeys(KeyFamily.RSA, key, new InstrumentKey.Rsa(bits));
    }

    private static PublicKeys ec(String field, DerReader algorithm, byte[] encoded) {
      var parameters = algorithm.next();
      algorithm.expectEnd();
      if (parameters.tag() != DerReader.OID) {
        throw ValidationException.field(field,
            "has an EC key with explicit curve parameters; use the named curve P-256 or P-384");
      }
      String curveOid = algorithm.oid(parameters);
      var curve = InstrumentKey.Curve.byOid(curveOid);
      if (curve == null) {
        throw ValidationException.field(field, "has an EC key on " + KeyNames.curve(curveOid) + "; use P-256 or P-384");
      }
      var key = (ECPublicKey) generate(field, "EC", encoded);
      if (!NamedCurves.matches(key.getParams(), curve)) {
        throw ValidationException.field(field, "has an EC key whose parameters do not match its named curve");
      }
      return new PublicKeys(KeyFamily.EC, key, new InstrumentKey.Ec(curve));
    }

    private static PublicKey generate(String field, String algorithm, byte[] encoded) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
      } catch (GeneralSecurityException e) {
        throw ValidationException.field(field, "has a public key that is not a valid " + algorithm + " key");
      }
    }
  }
}
