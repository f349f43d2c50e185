package org.labvault.local.iot.rules;

/** A rule's SQL the local stack cannot evaluate: the message names the construct. */
public final class UnsupportedSqlException extends IllegalArgumentException {
  public UnsupportedSqlException(String message) {
    super(message);
  }
}
