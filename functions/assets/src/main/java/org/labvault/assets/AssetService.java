package org.labvault.assets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.labvault.assets.AssetRequests.Declared;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.asset.domain.ObjectKeys;
import org.labvault.shared.asset.domain.RequestClaim;
import org.labvault.shared.asset.domain.UploadPlan;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.asset.port.ObjectStore.PresignedPart;
import org.labvault.shared.asset.port.ObjectStore.PresignedRequest;
import org.labvault.shared.asset.port.ObjectStore.UploadedPart;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Role;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.id.Ids;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/**
 * Declaring uploads, reading, renaming and downloading assets. Every route reads the asset (or
 * the group) first and asks the one authorization path; the bytes never pass through here.
 */
public final class AssetService {

  /** How long upload URLs work. */
  static final Duration UPLOAD_LIFETIME = Duration.ofMinutes(15);

  private final AssetRepository assets;
  private final ObjectStore objects;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  AssetService(AssetRepository assets, ObjectStore objects, Authorizer authorizer, Clock clock) {
    this.assets = assets;
    this.objects = objects;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /**
   * A declared asset and how to upload it: {@code single} for one PUT, else {@code parts}.
   */
  public record Created(Asset asset, PresignedRequest single, long partSizeBytes, List<PresignedPart> parts, Instant expiresAt) {}

  /** Declares an asset (EDIT+) and hands out its upload URLs. */
  public Created create(Caller caller, String groupId, Declared declared) {
    return create(caller, groupId, declared, null);
  }

  /**
   * Declares an asset for an instrument's upload request, claiming the request in the same
   * transaction.
   *
   * @throws org.labvault.shared.error.ConflictException {@code DUPLICATE_REQUEST} when the
   *     request was claimed before (see {@link #claimedAsset})
   */
  Created create(Caller caller, String groupId, Declared declared, RequestClaim claim) {
    Role role = authorizer.require(caller, groupId, Action.ASSETS_WRITE);
    String tenant = assets.tenantOfActiveGroup(groupId).orElseThrow(Authorizer::notFound);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String assetId = Ids.newId(clock);
    String key = ObjectKeys.of(tenant, groupId, assetId);
    UploadPlan plan = UploadPlan.forSize(declared.sizeBytes());
    String uploadId = plan.multipart() ? objects.startMultipart(key, declared.contentType()) : null;
    Asset asset = new Asset(assetId, groupId, tenant, declared.name(), declared.contentType(), declared.sizeBytes(),
        declared.sha256(), declared.classification(), AssetStatus.PENDING_UPLOAD, now, caller.userId(), key,
        uploadId, now.plus(UPLOAD_LIFETIME), null);
    authorizer.audited(caller, AuditAction.ASSETS_WRITE, AuditResource.asset(assetId), role, () -> {
      assets.create(asset, claim);
      return asset;
    });
    return upload(asset, UPLOAD_LIFETIME);
  }

  /** The asset an instrument's request made before, if any. */
  Optional<Asset> claimedAsset(RequestClaim claim) {
    return assets.claimedAsset(claim).flatMap(assets::find);
  }

  /**
   * The upload URLs of a declared asset again, for the rest of its upload window (a repeated
   * request), if the caller may still write to its group; empty once the asset is no longer
   * waiting for its upload.
   *
   * @throws org.labvault.shared.error.NotFoundException when the caller may no longer see the group
   */
  Optional<Created> uploadAgain(Caller caller, Asset asset) {
    authorizer.require(caller, asset.groupId(), Action.ASSETS_WRITE);
    Duration left = Duration.between(clock.instant(), asset.uploadExpiresAt());
    if (asset.status() != AssetStatus.PENDING_UPLOAD || left.isNegative() || left.isZero()) {
      return Optional.empty();
    }
    return Optional.of(upload(asset, left));
  }

  private Created upload(Asset asset, Duration lifetime) {
    UploadPlan plan = UploadPlan.forSize(asset.sizeBytes());
    if (!plan.multipart()) {
      PresignedRequest put = objects.presignPut(asset.objectKey(), asset.sizeBytes(), asset.sha256(),
          asset.contentType(), lifetime);
      return new Created(asset, put, 0, List.of(), put.expiresAt());
    }
    List<Long> sizes = new ArrayList<>(plan.partCount());
    for (int part = 1; part <= plan.partCount(); part++) {
      sizes.add(plan.partSize(asset.sizeBytes(), part));
    }
    var parts = objects.presignParts(asset.objectKey(), asset.uploadId(), sizes, lifetime);
    return new Created(asset, null, plan.partSizeBytes(), parts, asset.uploadExpiresAt());
  }

  /** A group's assets (READ_ONLY+), newest first; DELETED ones only when asked for. */
  public Page<Asset> list(Caller caller, String groupId, AssetStatus status, PageRequest page) {
    authorizer.require(caller, groupId, Action.ASSETS_READ);
    return assets.list(groupId, status, page);
  }

  /** One asset (READ_ONLY+). */
  public Asset get(Caller caller, String assetId) {
    return readable(caller, assetId, Action.ASSETS_READ).asset();
  }

  /** Renames and/or reclassifies (EDIT+); deleted assets keep what they had. */
  public Asset update(Caller caller, String assetId, String name, Classification classification) {
    var found = readable(caller, assetId, Action.ASSETS_WRITE);
    if (found.asset().status() == AssetStatus.DELETED) {
      throw authorizer.deny(caller, AuditAction.ASSETS_WRITE, AuditResource.asset(assetId), found.role(),
          AssetConflicts.deleted());
    }
    return authorizer.audited(caller, AuditAction.ASSETS_WRITE, AuditResource.asset(assetId), found.role(),
        () -> assets.update(assetId, name, classification).orElseThrow(AssetConflicts::deleted));
  }

  /**
   * A download URL (READ_ONLY+) for the verified version, living as long as the classification
   * allows. Handing one out is audited: it is how bytes leave.
   */
  public PresignedRequest download(Caller caller, String assetId) {
    var found = readable(caller, assetId, Action.ASSETS_READ);
    Asset asset = found.asset();
    AuditAction action = AuditAction.ASSETS_DOWNLOAD;
    if (asset.status() != AssetStatus.AVAILABLE) {
      throw authorizer.deny(caller, action, AuditResource.asset(assetId), found.role(),
          AssetConflicts.notAvailable(asset.status()));
    }
    return authorizer.audited(caller, action, AuditResource.asset(assetId), found.role(), () ->
        objects.presignGet(asset.objectKey(), asset.versionId(), asset.name(), asset.contentType(),
            asset.classification().downloadLifetime()));
  }

  /**
   * Completes a multipart upload (EDIT+). Repeating it is harmless: an upload S3 already completed
   * answers the asset as it is.
   */
  public Asset complete(Caller caller, String assetId, AssetRequests.Complete body) {
    var found = readable(caller, assetId, Action.ASSETS_WRITE);
    Asset asset = found.asset();
    AuditAction action = AuditAction.ASSETS_COMPLETE_UPLOAD;
    AuditResource resource = AuditResource.asset(assetId);
    switch (asset.status()) {
      case AVAILABLE -> {
        return asset;
      }
      case REJECTED, DELETED -> throw authorizer.deny(caller, action, resource,
          found.role(), AssetConflicts.uploadClosed(asset.status()));
      case PENDING_UPLOAD -> {
        // below
      }
    }
    UploadPlan plan = UploadPlan.forSize(asset.sizeBytes());
    if (!plan.multipart()) {
      throw authorizer.deny(caller, action, resource, found.role(), AssetConflicts.notMultipart());
    }
    List<UploadedPart> parts = body.checked(plan.partCount());
    if (asset.uploadId() != null) {
      // parts S3 does not hold are the client's mistake, and the upload stays open for them
      objects.listParts(asset.objectKey(), asset.uploadId()).ifPresent(landed -> requireLanded(parts, landed));
      authorizer.audited(caller, action, resource, found.role(), () -> {
        var completion = objects.completeMultipart(asset.objectKey(), asset.uploadId(), parts);
        if (completion == ObjectStore.Completion.NO_SUCH_UPLOAD && objects.head(asset.objectKey(), null).isEmpty()) {
          throw AssetConflicts.uploadClosed(asset.status());
        }
        return completion;
      });
    }
    return assets.find(assetId).orElse(asset);
  }

  /** At most this many part numbers are named in one answer. */
  static final int NAMED_PARTS = 50;

  /** Every part named with the ETag S3 holds for it (quotes around an ETag are no difference). */
  private static void requireLanded(List<UploadedPart> parts, Map<Integer, String> landed) {
    List<Integer> unknown = parts.stream()
        .filter(p -> !p.etag().replace("\"", "").equals(landed.get(p.partNumber())))
        .map(UploadedPart::partNumber)
        .toList();
    if (unknown.isEmpty()) {
      return;
    }
    String numbers = unknown.stream().limit(NAMED_PARTS).map(String::valueOf).collect(Collectors.joining(", "))
        + (unknown.size() > NAMED_PARTS ? ", ... (" + unknown.size() + " in all)" : "");
    throw ValidationException.field("parts", unknown.size() == 1
        ? "S3 holds no part " + numbers + " with the ETag given; upload it, then complete again with the ETag its upload answered"
        : "S3 holds no parts " + numbers + " with the ETags given; upload them, then complete again with the ETags their uploads answered");
  }

  private record Found(Asset asset, Role role) {}

  /** The asset, if the caller may do {@code action} with it: one asset read, one membership read. */
  private Found readable(Caller caller, String assetId, Action action) {
    Asset asset = Ids.looksValid(assetId) ? assets.find(assetId).orElse(null) : null;
    Role role = authorizer.requireOnAsset(caller, assetId, asset == null ? null : asset.groupId(), action);
    return new Found(asset, role);
  }
}
