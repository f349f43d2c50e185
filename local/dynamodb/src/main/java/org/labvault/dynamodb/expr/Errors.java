package org.labvault.dynamodb.expr;

import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.value.AttributeValue;

/** The messages shared by the parsers and evaluators. */
final class Errors {

  private Errors() {}

  static DynamoDbException invalid(Kind kind, String detail) {
    return DynamoDbException.validation("Invalid " + kind.label() + ": " + detail);
  }

  static DynamoDbException invalidUpdatePath() {
    return DynamoDbException.validation("The document path provided in the update expression is invalid for update");
  }

  static DynamoDbException incorrectDataType() {
    return DynamoDbException.validation("An operand in the update expression has an incorrect data type");
  }

  static DynamoDbException missingAttribute() {
    return DynamoDbException.validation(
        "The provided expression refers to an attribute that does not exist in the item");
  }

  /** The long type names of ADD/DELETE operand errors. */
  static String longTypeName(AttributeValue v) {
    return switch (v.type()) {
      case "S" -> "STRING";
      case "N" -> "NUMBER";
      case "B" -> "BINARY";
      case "BOOL" -> "BOOLEAN";
      case "NULL" -> "NULL";
      case "L" -> "LIST";
      case "M" -> "MAP";
      case "SS" -> "SET_OF_STRING";
      case "NS" -> "SET_OF_NUMBER";
      default -> "SET_OF_BINARY";
    };
  }

  /** "{N:5}" style rendering used by some messages. */
  static String render(AttributeValue v) {
    return switch (v) {
      case AttributeValue.S s -> "{S:" + s.value() + "}";
      case AttributeValue.N n -> "{N:" + n.text() + "}";
      case AttributeValue.B b -> "{B:" + b.value() + "}";
      default -> "{" + v.type() + ":" + v + "}";
    };
  }
}
