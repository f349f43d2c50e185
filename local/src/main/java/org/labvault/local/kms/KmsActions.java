package org.labvault.local.kms;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The KMS operations the audit digests need: Sign, Verify and GetPublicKey, with KMS's members,
 * limits and errors. Any other operation is UnknownOperationException.
 */
final class KmsActions {

  /** KMS's limit on a RAW message; a DIGEST message is exactly as long as the algorithm's digest. */
  static final int MAX_MESSAGE_BYTES = 4096;
  static final int MAX_SIGNATURE_BYTES = 6144;
  private static final int MAX_KEY_ID_CHARS = 2048;

  private final KeyRing keys;

  KmsActions(KeyRing keys) {
    this.keys = keys;
  }

  /** Answers {@code operation} (the part of {@code X-Amz-Target} after {@code TrentService.}). */
  Map<String, Object> handle(String operation, KmsRequest request) {
    return switch (operation) {
      case "Sign" -> sign(request);
      case "Verify" -> verify(request);
      case "GetPublicKey" -> getPublicKey(request);
      default -> throw KmsError.unknownOperation();
    };
  }

  private Map<String, Object> sign(KmsRequest request) {
    SigningKey key = keys.resolve(request.requiredString("KeyId", MAX_KEY_ID_CHARS)).requireEnabled();
    byte[] message = request.requiredBlob("Message", MAX_MESSAGE_BYTES);
    SigningAlgorithm algorithm = key.require(SigningAlgorithm.named(request.requiredString("SigningAlgorithm", 64)));
    byte[] digest = digest(request, algorithm, message);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("KeyId", key.arn());
    out.put("Signature", Base64.getEncoder().encodeToString(
        DigestSigner.sign(algorithm, key.keyPair().getPrivate(), digest)));
    out.put("SigningAlgorithm", algorithm.name());
    return out;
  }

  private Map<String, Object> verify(KmsRequest request) {
    SigningKey key = keys.resolve(request.requiredString("KeyId", MAX_KEY_ID_CHARS)).requireEnabled();
    byte[] message = request.requiredBlob("Message", MAX_MESSAGE_BYTES);
    byte[] signature = request.requiredBlob("Signature", MAX_SIGNATURE_BYTES);
    SigningAlgorithm algorithm = key.require(SigningAlgorithm.named(request.requiredString("SigningAlgorithm", 64)));
    byte[] digest = digest(request, algorithm, message);
    // KMS answers an invalid signature with an error, never with SignatureValid false
    if (!DigestSigner.verify(algorithm, key.keyPair().getPublic(), digest, signature)) {
      throw KmsError.invalidSignature();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("KeyId", key.arn());
    out.put("SignatureValid", true);
    out.put("SigningAlgorithm", algorithm.name());
    return out;
  }

  private Map<String, Object> getPublicKey(KmsRequest request) {
    SigningKey key = keys.resolve(request.requiredString("KeyId", MAX_KEY_ID_CHARS)).requireEnabled();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("KeyId", key.arn());
    out.put("PublicKey", Base64.getEncoder().encodeToString(key.keyPair().getPublic().getEncoded()));
    out.put("KeySpec", key.spec().name());
    out.put("CustomerMasterKeySpec", key.spec().name());
    out.put("KeyUsage", "SIGN_VERIFY");
    out.put("SigningAlgorithms", key.spec().signingAlgorithms().stream().map(Enum::name).toList());
    return out;
  }

  /** The digest to sign: the message's hash (RAW, the default), or the message itself (DIGEST). */
  private static byte[] digest(KmsRequest request, SigningAlgorithm algorithm, byte[] message) {
    String type = request.optionalString("MessageType");
    if (type == null || type.equals("RAW")) {
      return algorithm.hash(message);
    }
    if (!type.equals("DIGEST")) {
      throw KmsError.constraint("messageType", "'" + type + "'", "Member must satisfy enum value set: [RAW, DIGEST]");
    }
    if (message.length != algorithm.digestLength()) {
      throw KmsError.validation("Digest is invalid length for algorithm " + algorithm + ": expected "
          + algorithm.digestLength() + " bytes, got " + message.length + ".");
    }
    return message;
  }
}
