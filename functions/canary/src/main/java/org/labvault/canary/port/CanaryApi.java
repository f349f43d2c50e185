package org.labvault.canary.port;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * LabVault's public API as the canary calls it, with its own client credentials: exactly the calls
 * a client makes, nothing a client could not. Every method throws {@link CallFailed} when the call
 * did not get the answer the contract promises.
 */
public interface CanaryApi {

  /** Gets a fresh token from the token endpoint (the first thing a client does). */
  void signIn();

  /** {@code POST /groups}: the new group's id. */
  String createGroup(String name);

  /** {@code POST /groups/{groupId}/assets} for a small single-part upload. */
  Declared declare(String groupId, String name, long sizeBytes, String sha256Base64);

  /** PUTs the bytes to the presigned URL with exactly the headers the declaration named. */
  void upload(Declared declared, byte[] bytes);

  /** {@code GET /assets/{assetId}}: the asset's status. */
  String status(String assetId);

  /** {@code GET /assets/{assetId}/download}, then the bytes behind its URL. */
  byte[] download(String assetId);

  /** {@code DELETE /assets/{assetId}} (202, also for an asset deleted before). */
  void deleteAsset(String assetId);

  /** {@code DELETE /groups/{groupId}} (204; a group already gone counts as deleted). */
  void deleteGroup(String groupId);

  /** {@code GET /groups}, every page: the groups the canary belongs to. */
  List<GroupRef> groups();

  /** {@code GET /groups/{groupId}/assets}, every page: the ids of the group's live assets. */
  List<String> liveAssets(String groupId);

  /** An asset declared for upload: where to PUT its bytes and with which headers. */
  record Declared(String assetId, URI uploadUrl, Map<String, String> headers) {
    public Declared {
      headers = Map.copyOf(headers);
    }
  }

  /** A group of the canary, with when it was made (earlier runs leave them behind only on failure). */
  record GroupRef(String groupId, String name, Instant createdAt) {}

  /** A call that did not get the contract's answer; the message names the call and the status, no secret. */
  final class CallFailed extends RuntimeException {
    public CallFailed(String message) {
      super(message);
    }

    public CallFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
