package org.labvault.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as DynamoDB answers it: the short type name (the wire's {@code __type} is
 * {@code com.amazonaws.dynamodb.v20120810#<type>}), DynamoDB's own message and the HTTP status.
 * Some errors carry extra fields (the item of a failed condition, a transaction's reasons).
 */
public class DynamoDbException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String type;
  private final int status;
  private final transient ObjectNode extra;

  public DynamoDbException(String type, String message, int status, ObjectNode extra) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
    this.extra = extra;
  }

  public DynamoDbException(String type, String message) {
    this(type, message, 400, null);
  }

  public static DynamoDbException validation(String message) {
    return new DynamoDbException("ValidationException", message);
  }

  /** "One or more parameter values were invalid: ..." */
  public static DynamoDbException invalidParameter(String detail) {
    return validation("One or more parameter values were invalid: " + detail);
  }

  public static DynamoDbException resourceNotFound(String message) {
    return new DynamoDbException("ResourceNotFoundException", message);
  }

  public static DynamoDbException tableNotFound() {
    return resourceNotFound("Requested resource not found");
  }

  public static DynamoDbException resourceInUse(String message) {
    return new DynamoDbException("ResourceInUseException", message);
  }

  public static DynamoDbException conditionalCheckFailed(ObjectNode item) {
    return new DynamoDbException("ConditionalCheckFailedException", "The conditional request failed", 400, item);
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  /** Extra top-level fields of the error body, or null. */
  public ObjectNode extra() {
    return extra;
  }
}
