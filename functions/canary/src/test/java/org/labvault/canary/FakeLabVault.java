package org.labvault.canary;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.labvault.canary.port.CanaryApi;

/** LabVault's API in memory, for the canary: groups, assets, and a call that can be made to fail. */
final class FakeLabVault implements CanaryApi {

  record Group(String name, Instant createdAt, Set<String> assets) {}

  final Map<String, Group> groups = new LinkedHashMap<>();
  final Map<String, String> statuses = new LinkedHashMap<>();
  final Map<String, byte[]> objects = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  /** The call that fails (by method name), if any. */
  String failing;
  /** What the upload verifier decides, once the bytes land. */
  String verdict = "AVAILABLE";
  boolean corruptDownloads;

  private void call(String name) {
    calls.add(name);
    if (name.equals(failing)) {
      throw new CallFailed(name + " answered 503 DEPENDENCY_UNAVAILABLE");
    }
  }

  String seedGroup(String name, Instant createdAt, String... assetIds) {
    String id = UUID.randomUUID().toString();
    groups.put(id, new Group(name, createdAt, new java.util.HashSet<>(Set.of(assetIds))));
    for (String a : assetIds) {
      statuses.put(a, "AVAILABLE");
    }
    return id;
  }

  @Override
  public void signIn() {
    call("signIn");
  }

  @Override
  public String createGroup(String name) {
    call("createGroup");
    return seedGroup(name, Instant.now());
  }

  @Override
  public Declared declare(String groupId, String name, long sizeBytes, String sha256Base64) {
    call("declare");
    String id = UUID.randomUUID().toString();
    groups.get(groupId).assets().add(id);
    statuses.put(id, "PENDING_UPLOAD");
    return new Declared(id, URI.create("https://s3.example/" + id), Map.of("x-amz-server-side-encryption", "AES256"));
  }

  @Override
  public void upload(Declared declared, byte[] bytes) {
    call("upload");
    objects.put(declared.assetId(), bytes.clone());
    if (verdict != null) {
      statuses.put(declared.assetId(), verdict);
    }
  }

  @Override
  public String status(String assetId) {
    call("status");
    return statuses.get(assetId);
  }

  @Override
  public byte[] download(String assetId) {
    call("download");
    byte[] bytes = objects.get(assetId).clone();
    if (corruptDownloads) {
      bytes[0] ^= 1;
    }
    return bytes;
  }

  @Override
  public void deleteAsset(String assetId) {
    call("deleteAsset");
    statuses.put(assetId, "DELETED");
  }

  @Override
  public void deleteGroup(String groupId) {
    call("deleteGroup");
    Group group = groups.get(groupId);
    if (group != null && group.assets().stream().anyMatch(a -> !"DELETED".equals(statuses.get(a)))) {
      throw new CallFailed("DELETE /groups/{groupId} answered 409 GROUP_NOT_EMPTY");
    }
    groups.remove(groupId);
  }

  @Override
  public List<GroupRef> groups() {
    call("groups");
    return groups.entrySet().stream()
        .map(e -> new GroupRef(e.getKey(), e.getValue().name(), e.getValue().createdAt())).toList();
  }

  @Override
  public List<String> liveAssets(String groupId) {
    call("liveAssets");
    return groups.get(groupId).assets().stream().filter(a -> !"DELETED".equals(statuses.get(a))).sorted().toList();
  }
}
