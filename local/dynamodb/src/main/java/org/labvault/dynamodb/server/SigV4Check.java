package org.labvault.dynamodb.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The signature check of {@link SigV4Verifier} for other local AWS endpoints (the query-protocol
 * ones answer refusals in their own format): the access key, the credential scope's service and
 * the signature of the request as sent.
 */
public final class SigV4Check {

  /** Why a request is refused: an AWS error code and its message. */
  public record Refusal(String code, String message) {}

  private final Credentials credentials;
  private final String service;

  public SigV4Check(Credentials credentials, String service) {
    this.credentials = credentials;
    this.service = service;
  }

  /**
   * @param headers the request's header values by name, in any case
   * @return the refusal, or empty when the request is signed with the credentials
   */
  public Optional<Refusal> check(String method, String rawPath, String rawQuery,
      Function<String, List<String>> headers, byte[] body) {
    SigV4Verifier.SignedRequest request = new SigV4Verifier.SignedRequest(method, rawPath, rawQuery, headers, body);
    List<String> authorization = headers.apply("Authorization");
    if (authorization == null || authorization.isEmpty() || authorization.get(0).isBlank()) {
      return Optional.of(new Refusal("MissingAuthenticationToken", SigV4Verifier.MISSING_TOKEN));
    }
    SigV4Verifier.Authorization auth;
    try {
      auth = SigV4Verifier.parse(authorization.get(0));
    } catch (IllegalArgumentException e) {
      return Optional.of(new Refusal("IncompleteSignature", e.getMessage()));
    }
    if (!credentials.accessKeyId().equals(auth.accessKeyId())) {
      return Optional.of(new Refusal("InvalidClientTokenId", UNRECOGNIZED));
    }
    if (!service.equals(auth.service())) {
      return Optional.of(new Refusal("SignatureDoesNotMatch",
          "Credential should be scoped to correct service: '" + service + "'. "));
    }
    List<String> dates = headers.apply("X-Amz-Date");
    if (dates == null || dates.isEmpty()) {
      return Optional.of(new Refusal("IncompleteSignature",
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
    }
    String expected = SigV4Verifier.signature(request, auth, dates.get(0).strip(), credentials.secretAccessKey());
    boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        auth.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    return same ? Optional.empty() : Optional.of(new Refusal("SignatureDoesNotMatch", SigV4Verifier.SIGNATURE_MISMATCH));
  }

  private static final String UNRECOGNIZED = "The security token included in the request is invalid.";
}
