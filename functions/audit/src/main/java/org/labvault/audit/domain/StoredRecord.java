package org.labvault.audit.domain;

import org.labvault.shared.audit.AuditRecord;

/**
 * A record as read back, with the seq its storage key places it at (-1 for a key that is not a
 * record's): a record moved to another key disagrees with its own {@code seq}.
 */
public record StoredRecord(long position, AuditRecord record) {}
