package org.labvault.local;

import java.io.IOException;

/** A port the stack was told to use (or must use) is taken; the message names it and its flag. */
public final class PortInUseException extends IOException {

  PortInUseException(int port, String flag, Throwable cause) {
    super("port " + port + " (" + flag + ") is already in use on 127.0.0.1; stop what uses it or choose another "
        + flag, cause);
  }

  /** Whether {@code e} or one of its causes is a failure to bind. */
  static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }
}
