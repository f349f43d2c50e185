package org.labvault.dynamodb.table;

/** Provisioned read and write capacity units (tables in PROVISIONED billing mode and their GSIs). */
public record Throughput(long read, long write) {}
