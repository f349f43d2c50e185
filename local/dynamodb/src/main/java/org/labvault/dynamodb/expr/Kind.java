package org.labvault.dynamodb.expr;

/** The five expression parameters of the API; the label is the parameter name used in error messages. */
public enum Kind {
  CONDITION("ConditionExpression"),
  FILTER("FilterExpression"),
  UPDATE("UpdateExpression"),
  PROJECTION("ProjectionExpression"),
  KEY_CONDITION("KeyConditionExpression");

  private final String label;

  Kind(String label) {
    this.label = label;
  }

  /** The request parameter name, e.g. "ConditionExpression". */
  public String label() {
    return label;
  }
}
