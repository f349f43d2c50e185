package org.labvault.sampleeln;

import org.labvault.shared.client.ClientCredentials;
import org.labvault.shared.config.Config;

/**
 * Where LabVault and its token endpoint are, this application's client credentials and its own
 * table; read once at INIT, so a function deployed without them fails there, not on a message.
 */
public record SampleElnSettings(ClientCredentials client, String table) {

  public static final String LABVAULT_API_URL = ClientCredentials.LABVAULT_API_URL;
  public static final String TOKEN_URL = ClientCredentials.TOKEN_URL;
  public static final String CLIENT_ID = ClientCredentials.CLIENT_ID;
  public static final String CLIENT_SECRET = ClientCredentials.CLIENT_SECRET;
  /** The sample's own table (pk externalRef). */
  public static final String ELN_TABLE_NAME = "ELN_TABLE_NAME";

  static SampleElnSettings from(Config config) {
    return new SampleElnSettings(ClientCredentials.from(config), config.require(ELN_TABLE_NAME));
  }
}
