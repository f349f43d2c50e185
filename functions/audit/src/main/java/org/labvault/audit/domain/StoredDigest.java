package org.labvault.audit.domain;

/**
 * A digest as read back, with the seq its storage key places it at (-1 for a key that is not a
 * digest's), so that a digest moved to another key disagrees with its own {@code seq}.
 */
public record StoredDigest(long position, Digest digest) {}
