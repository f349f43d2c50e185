package org.labvault.audit.domain;

/** The digests' head: the last digest's seq and signature, what the next digest follows. */
public record DigestTip(long seq, String signature) {}
