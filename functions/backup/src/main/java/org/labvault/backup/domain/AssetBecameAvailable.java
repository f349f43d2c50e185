package org.labvault.backup.domain;

/**
 * An asset whose upload was just verified: the version of its object to back up and what it must be.
 *
 * @param sha256 the declared base64 SHA-256, which the verified version matched
 */
public record AssetBecameAvailable(String assetId, String objectKey, String versionId, long sizeBytes, String sha256) {}
