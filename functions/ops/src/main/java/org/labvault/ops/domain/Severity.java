package org.labvault.ops.domain;

/** How much a maintenance notice matters to the people who read it. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
