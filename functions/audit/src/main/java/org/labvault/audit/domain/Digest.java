package org.labvault.audit.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.shared.audit.CanonicalJson;

/**
 * A signed digest of every audit chain's head, linked to the digest before it by that digest's
 * signature (as CloudTrail links its digest files). What is signed is the canonical JSON of every
 * field but {@code signature}.
 *
 * @param prevSignature the previous digest's signature; {@link #FIRST} for the first digest
 * @param signature base64 of the DER-encoded ECDSA signature
 */
public record Digest(long seq, String at, List<DigestHead> heads, String prevSignature, String keyId, String algorithm,
    String signature) {

  /** KMS's name for ECDSA on P-256 with SHA-256, the only algorithm digests are signed with. */
  public static final String ALGORITHM = "ECDSA_SHA_256";

  /** The prevSignature of the first digest: there is none before it. */
  public static final String FIRST = "";

  /** A digest not signed yet. */
  public static Digest unsigned(long seq, String at, List<DigestHead> heads, String prevSignature, String keyId) {
    return new Digest(seq, at, List.copyOf(heads), prevSignature, keyId, ALGORITHM, null);
  }

  public Digest withSignature(String signature) {
    return new Digest(seq, at, heads, prevSignature, keyId, algorithm, signature);
  }

  /** The bytes the signature is over: canonical JSON of every field but the signature. */
  @JsonIgnore
  public byte[] signedBytes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", seq);
    m.put("at", at);
    m.put("heads", heads == null ? null : heads.stream().map(DigestHead::canonical).toList());
    m.put("prevSignature", prevSignature);
    m.put("keyId", keyId);
    m.put("algorithm", algorithm);
    return CanonicalJson.bytes(m);
  }
}
