package org.labvault.shared.deletion.port;

import java.util.Optional;
import org.labvault.shared.deletion.domain.App;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** Registered applications. */
public interface AppRepository {

  /**
   * Registers an app (a conditional put).
   *
   * @throws org.labvault.shared.error.ConflictException ALREADY_EXISTS when the id is taken
   */
  void create(App app);

  /** The app, read strongly consistently. */
  Optional<App> find(String appId);

  /** A page of the registered apps, by id. */
  Page<App> list(PageRequest page);
}
