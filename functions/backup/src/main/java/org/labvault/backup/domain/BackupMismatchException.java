package org.labvault.backup.domain;

/** A backup copy whose size or SHA-256 is not the asset's declaration: it must not be recorded. */
public final class BackupMismatchException extends RuntimeException {
  public BackupMismatchException(String message) {
    super(message);
  }
}
