package org.labvault.audit;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.labvault.audit.domain.BrokenLink;
import org.labvault.audit.domain.BrokenLink.Reason;
import org.labvault.audit.domain.Digest;
import org.labvault.audit.domain.DigestHead;
import org.labvault.audit.domain.DigestTip;
import org.labvault.audit.domain.StoredDigest;
import org.labvault.shared.audit.AuditRecord;

/**
 * Checks the signed digests after the chains passed: seqs from 1 without gaps, each signature
 * (verified locally with the key's public half), each prevSignature the previous digest's
 * signature, the digests' head naming the last one, and every head a digest names against the
 * record the chain holds at that seq. The last check is what finds a chain edited and rehashed
 * consistently from the edit on: the chain verifies, but no longer matches what was signed.
 */
final class DigestVerifier {

  /** What the digest check found: how many digests verified, or the first break. */
  record Result(int verified, BrokenLink broken) {}

  private final PublicKey key;
  private final Set<String> keyIds;

  DigestVerifier(PublicKey key, Set<String> keyIds) {
    this.key = key;
    this.keyIds = keyIds;
  }

  /** The seqs each chain must report the hash of: every non-zero seq some digest names. */
  static Map<Integer, Set<Long>> wanted(List<StoredDigest> digests) {
    Map<Integer, Set<Long>> wanted = new HashMap<>();
    for (StoredDigest stored : digests) {
      for (DigestHead h : stored.digest().heads()) {
        if (h.seq() > 0) {
          wanted.computeIfAbsent(h.chain(), c -> new HashSet<>()).add(h.seq());
        }
      }
    }
    return wanted;
  }

  /**
   * @param tip the digests' head as read before the digests
   * @param named per chain, the hash of each wanted seq the chain holds (verified records only)
   */
  Result verify(List<StoredDigest> digests, Optional<DigestTip> tip, Map<Integer, Map<Long, String>> named) {
    long expected = 1;
    String prevSignature = Digest.FIRST;
    Signature verifier = newVerifier();
    for (StoredDigest stored : digests) {
      Digest d = stored.digest();
      if (stored.position() != expected) {
        return broken(BrokenLink.digest(expected, Reason.DIGEST_MISSING));
      }
      if (!signatureValid(verifier, d)) {
        return broken(BrokenLink.digest(expected, Reason.DIGEST_SIGNATURE_INVALID));
      }
      if (d.seq() != expected) {
        // a genuine digest moved to another key: the one of this seq is gone
        return broken(BrokenLink.digest(expected, Reason.DIGEST_MISSING));
      }
      if (!prevSignature.equals(d.prevSignature())) {
        return broken(BrokenLink.digest(expected, Reason.DIGEST_LINK_BROKEN));
      }
      for (DigestHead h : d.heads()) {
        boolean matches = h.seq() == 0 ? AuditRecord.GENESIS.equals(h.hash())
            : Objects.equals(named.getOrDefault(h.chain(), Map.of()).get(h.seq()), h.hash());
        if (!matches) {
          return broken(BrokenLink.namedBy(expected, h.chain(), h.seq()));
        }
      }
      prevSignature = d.signature();
      expected++;
    }
    long last = expected - 1;
    if (tip.isPresent() && tip.get().seq() > last) {
      // the newest digests are gone: the first missing one is named
      return broken(BrokenLink.digest(last + 1, Reason.DIGEST_MISSING));
    }
    if (last > 0 && (tip.isEmpty() || tip.get().seq() != last || !Objects.equals(tip.get().signature(), prevSignature))) {
      return broken(BrokenLink.digest(last, Reason.DIGEST_LINK_BROKEN));
    }
    return new Result((int) last, null);
  }

  private boolean signatureValid(Signature verifier, Digest d) {
    if (d.signature() == null || !Digest.ALGORITHM.equals(d.algorithm()) || !keyIds.contains(d.keyId())) {
      return false;
    }
    try {
      verifier.initVerify(key);
      verifier.update(d.signedBytes());
      return verifier.verify(Base64.getDecoder().decode(d.signature()));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      // not base64, not DER, or a field canonical JSON cannot hold: not a signature of this key
      return false;
    }
  }

  private static Signature newVerifier() {
    try {
      return Signature.getInstance("SHA256withECDSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA256withECDSA", e);
    }
  }

  private static Result broken(BrokenLink link) {
    return new Result(0, link);
  }
}
