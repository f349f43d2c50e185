package org.labvault.shared.client;

/** LabVault or its token endpoint failed or did not answer: worth trying again later. */
public class ApiUnavailableException extends RuntimeException {
  public ApiUnavailableException(String message) {
    super(message);
  }

  public ApiUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
