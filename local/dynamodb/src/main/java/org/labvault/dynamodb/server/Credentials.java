package org.labvault.dynamodb.server;

import java.util.Objects;

/**
 * The one access key the server accepts when it checks request signatures, with its secret.
 * {@link #toString()} never shows the secret.
 */
public record Credentials(String accessKeyId, String secretAccessKey) {

  public Credentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (accessKeyId.isBlank()) {
      throw new IllegalArgumentException("accessKeyId must not be blank");
    }
    if (secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("secretAccessKey must not be empty");
    }
  }

  @Override
  public String toString() {
    return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
  }
}
