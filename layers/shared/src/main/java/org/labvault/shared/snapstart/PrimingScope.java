package org.labvault.shared.snapstart;

/**
 * Marks the thread that serves a priming request. Priming runs before the snapshot as a caller nothing
 * belongs to, so it is refused everywhere; those refusals are no caller's, so they are neither audited
 * nor logged with a status (they would raise a denial burst and the refusals alarm at every
 * deployment). An allowed change is refused instead of audited: priming must change nothing. Only
 * {@link SnapStartFunction} opens the scope: no request from outside the function runs inside it.
 */
public final class PrimingScope {

  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

  private PrimingScope() {}

  /** True while this thread serves a priming request. */
  public static boolean active() {
    return ACTIVE.get() != null;
  }

  static void run(Runnable request) {
    ACTIVE.set(Boolean.TRUE);
    try {
      request.run();
    } finally {
      ACTIVE.remove();
    }
  }
}
