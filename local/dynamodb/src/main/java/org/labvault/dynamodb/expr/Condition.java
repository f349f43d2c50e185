package org.labvault.dynamodb.expr;

import java.util.Map;
import org.labvault.dynamodb.value.AttributeValue;

/** A parsed condition (ConditionExpression, FilterExpression, Expected, QueryFilter/ScanFilter). */
public interface Condition {

  boolean test(Map<String, AttributeValue> item);
}
