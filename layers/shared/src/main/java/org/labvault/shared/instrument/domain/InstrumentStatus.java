package org.labvault.shared.instrument.domain;

/** ACTIVE until its owner revokes it; a revoked instrument is kept only as a record, seen by nobody. */
public enum InstrumentStatus { ACTIVE, REVOKED }
