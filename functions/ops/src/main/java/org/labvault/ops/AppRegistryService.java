package org.labvault.ops;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.domain.App;
import org.labvault.shared.deletion.port.AppRepository;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/**
 * The registry of applications that may hold app links (operators only: the router admits no one
 * else to /ops). A registered app subscribes its own queue to the asset-events topic with the
 * filter policy it is given here.
 */
public final class AppRegistryService {

  private final AppRepository apps;
  private final Authorizer authorizer;
  private final Config config;
  private final Clock clock;

  @Inject
  AppRegistryService(AppRepository apps, Authorizer authorizer, Config config, Clock clock) {
    this.apps = apps;
    this.authorizer = authorizer;
    this.config = config;
    this.clock = clock;
  }

  /** A registered app and how it subscribes to its notices. */
  public record Registered(App app, String topicArn, Map<String, List<String>> filterPolicy) {}

  /** Registers an app; audited. */
  public Registered register(Caller caller, RegisterAppRequest.Checked request) {
    App app = new App(request.appId(), request.name(), clock.instant().truncatedTo(ChronoUnit.SECONDS), caller.userId());
    authorizer.audited(caller, AuditAction.APPS_REGISTER, AuditResource.app(app.appId()), null, () -> {
      apps.create(app);
      return app;
    });
    return subscription(app);
  }

  /** A page of the registered apps, by id. */
  public Page<Registered> list(PageRequest page) {
    return apps.list(page).map(this::subscription);
  }

  /**
   * The topic is read when asked for (it is optional: until the topic exists in a deployment, the
   * registry works without it and the answer leaves {@code topicArn} out).
   */
  private Registered subscription(App app) {
    Optional<String> topic = config.optional(Config.Names.ASSET_EVENTS_TOPIC_ARN);
    return new Registered(app, topic.orElse(null), Map.of("appId", List.of(app.appId())));
  }
}
