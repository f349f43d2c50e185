package org.labvault.shared.deletion;

import dagger.Binds;
import dagger.Module;
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
}
