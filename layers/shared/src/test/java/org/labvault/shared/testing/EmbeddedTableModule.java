package org.labvault.shared.testing;

import dagger.Module;
import dagger.Provides;
import java.util.List;
import java.util.Map;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.AssetLocator;
import org.labvault.shared.auth.MembershipReader;
import org.labvault.shared.aws.DynamoAssetLocator;
import org.labvault.shared.aws.DynamoMembershipReader;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;

/**
 * Test wiring for functions that run on the real DynamoDB adapters against an {@link
 * EmbeddedTable}: the table's name, the real membership reader and asset locator, audit records into a list the
 * test component binds.
 */
@Module
public final class EmbeddedTableModule {
  /** The page token key the test functions sign with. */
  public static final String PAGE_TOKEN_KEY = "test-page-token-key-of-at-least-32-chars";

  private EmbeddedTableModule() {}

  @Provides
  static Config config() {
    return Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.DATA_BUCKET, EmbeddedTable.BUCKET,
        Config.Names.PAGE_TOKEN_KEY, PAGE_TOKEN_KEY, Config.Names.RENOTIFY_AFTER_SECONDS, "3600"));
  }

  @Provides
  static Json json() {
    return Json.instance();
  }

  @Provides
  static MembershipReader memberships(DynamoMembershipReader reader) {
    return reader;
  }

  @Provides
  static AssetLocator assets(DynamoAssetLocator locator) {
    return locator;
  }

  @Provides
  static AuditLog audit(List<AuditEvent> records) {
    return records::add;
  }
}
