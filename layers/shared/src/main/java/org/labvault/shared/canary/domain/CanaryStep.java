package org.labvault.shared.canary.domain;

/**
 * One step of a canary run.
 *
 * @param name what the step did ({@code createGroup}, {@code upload}, ...)
 * @param ok whether it succeeded
 * @param ms how long it took, in milliseconds
 */
public record CanaryStep(String name, boolean ok, long ms) {}
