package org.labvault.shared.deletion;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.adapter.DynamoAppRepository;
import org.labvault.shared.deletion.adapter.DynamoLinkRepository;
import org.labvault.shared.deletion.port.AppRepository;
import org.labvault.shared.deletion.port.LinkRepository;

/** Registered apps and app links in DynamoDB, for the functions that handle them. */
@Module
public interface DeletionModule {
  @Binds
  AppRepository apps(DynamoAppRepository impl);

  @Binds
  LinkRepository links(DynamoLinkRepository impl);

  /** Read when first needed: only the functions that delete links are given the setting. */
  @Provides
  @Singleton
  static RenotifyDelay renotifyDelay(Config config) {
    return RenotifyDelay.from(config);
  }
}
