package org.labvault.dynamodb.expr;

import org.labvault.dynamodb.value.AttributeValue;

/** A query's key condition: the partition key value and an optional sort-key condition. */
public record KeyCondition(AttributeValue hashValue, RangeCondition range) {}
