package org.labvault.dynamodb.table;

/**
 * A table's stream: on or off, what its records hold (KEYS_ONLY, NEW_IMAGE, OLD_IMAGE,
 * NEW_AND_OLD_IMAGES), and the label and ARN of the current (or last) stream. Turning a stream off
 * keeps label and ARN so its records stay readable; turning it on again starts a new stream.
 */
public record StreamSpec(boolean enabled, String viewType, String label, String arn) {}
