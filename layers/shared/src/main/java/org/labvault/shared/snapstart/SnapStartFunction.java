package org.labvault.shared.snapstart;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.labvault.shared.aws.Priming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function's SnapStart hooks. Lambda runs INIT once per version, calls {@link #beforeCheckpoint}
 * and snapshots the memory; every execution environment then starts from that snapshot and calls
 * {@link #afterRestore}. Priming serves a request that changes no data, so its classes are loaded and
 * its code compiled in the snapshot rather than on a user's first request. On a JVM without CRaC
 * (tests, the local stack) registering does nothing and the hooks are never called.
 */
public abstract class SnapStartFunction implements Resource {

  private static final Logger LOG = LoggerFactory.getLogger(SnapStartFunction.class);

  private Priming priming;
  private volatile Throwable primingFailure;

  protected SnapStartFunction() {
    Core.getGlobalContext().register(this); // the handler instance lives as long as the runtime
  }

  /** The shared priming steps and restore refreshes of the function's component; set at INIT. */
  protected final void primedBy(Priming priming) {
    this.priming = priming;
  }

  /** The shared priming steps (e.g. {@link Priming#readStore}). */
  protected final Priming priming() {
    return priming;
  }

  /**
   * The function's own priming request: an HTTP function serves a read of a resource that does not
   * exist (as a caller no group knows), an event consumer an event with nothing to do. It must change
   * no data and write no audit record.
   */
  protected abstract void primeRequest();

  @Override
  public final void beforeCheckpoint(Context<? extends Resource> context) {
    // best effort: a failed priming costs the first request time, a failed snapshot costs the deployment
    try {
      PrimingScope.run(this::primeRequest);
      primingFailure = null;
    } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
      primingFailure = e;
      LOG.atWarn().setCause(e).log("Priming failed; the first requests will load what it would have");
    }
  }

  /** Why the last priming failed, if it did. */
  public final Optional<Throwable> primingFailure() {
    return Optional.ofNullable(primingFailure);
  }

  @Override
  public final void afterRestore(Context<? extends Resource> context) {
    priming.afterRestore();
  }
}
