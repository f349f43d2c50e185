package org.labvault.audit.domain;

/** What a chain's head says: its last record's seq and hash. */
public record ChainHead(long seq, String hash) {}
