package org.labvault.ops.fakes;

import org.labvault.ops.port.DependencyProbe;

/** A dependency that answers until told to fail. */
public final class FakeProbe implements DependencyProbe {
  private final String name;
  private volatile boolean down;

  public FakeProbe(String name) {
    this.name = name;
  }

  public void fail() {
    down = true;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void check() {
    if (down) {
      throw new IllegalStateException(name + " refused the connection");
    }
  }
}
