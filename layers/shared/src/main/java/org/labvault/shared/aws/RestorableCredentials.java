package org.labvault.shared.aws;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Credentials a restored copy fetches again: the provider behind it caches what it fetched, and a
 * snapshot would otherwise hand every copy the credentials priming fetched.
 */
public final class RestorableCredentials implements AwsCredentialsProvider {

  /** Every live instance (held weakly: the SDK clients that use one keep it alive). */
  private static final Set<RestorableCredentials> LIVE = Collections.synchronizedSet(
      Collections.newSetFromMap(new WeakHashMap<>()));

  private final Supplier<AwsCredentialsProvider> factory;
  private volatile AwsCredentialsProvider current;

  public RestorableCredentials(Supplier<AwsCredentialsProvider> factory) {
    this.factory = factory;
    this.current = factory.get();
    LIVE.add(this);
  }

  /** In a restored copy: every instance fetches again. */
  public static void refreshAll() {
    List<RestorableCredentials> all;
    synchronized (LIVE) {
      all = List.copyOf(LIVE);
    }
    all.forEach(RestorableCredentials::refresh);
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return current.resolveCredentials();
  }

  /** Drops what was fetched; the next request fetches again. */
  public void refresh() {
    AwsCredentialsProvider old = current;
    current = factory.get();
    if (old instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // a provider that cannot close only keeps a thread or a connection: nothing to report
      }
    }
  }
}
