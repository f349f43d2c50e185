package org.labvault.dynamodb.value;

import java.math.BigDecimal;
import org.labvault.dynamodb.DynamoDbException;
import java.math.MathContext;
import java.math.RoundingMode;

/** DynamoDB's number rules: 38 significant digits, magnitudes 1E-130 to 9.99...E+125. */
public final class Numbers {

  public static final int MAX_DIGITS = 38;
  private static final MathContext CONTEXT = new MathContext(MAX_DIGITS, RoundingMode.UNNECESSARY);

  private Numbers() {}

  /** Parses the wire text of a number, enforcing DynamoDB's limits. */
  public static BigDecimal parse(String text) {
    BigDecimal value;
    try {
      String t = text.strip();
      if (t.isEmpty() || !t.equals(text) || t.contains("_") || t.startsWith("+") && t.length() > 1 && t.charAt(1) == '+') {
        throw new NumberFormatException();
      }
      value = new BigDecimal(t);
    } catch (NumberFormatException | ArithmeticException e) {
      throw DynamoDbException.validation("A value provided cannot be converted into a number");
    }
    try {
      return check(value);
    } catch (ArithmeticException scaleOutOfRange) {
      // an exponent beyond what BigDecimal can even normalise: far outside DynamoDB's range
      throw DynamoDbException.validation(value.scale() < 0
          ? "Number overflow. Attempting to store a number with magnitude larger than supported range"
          : "Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }
  }

  /** Checks a computed or parsed number against the limits. */
  public static BigDecimal check(BigDecimal value) {
    BigDecimal v = normalise(value);
    if (v.signum() == 0) {
      return v;
    }
    if (v.precision() > MAX_DIGITS) {
      throw DynamoDbException.validation("Attempting to store more than 38 significant digits in a Number");
    }
    int exponent = v.precision() - v.scale() - 1; // position of the leading digit
    if (exponent > 125) {
      throw DynamoDbException.validation(
          "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }
    if (exponent < -130) {
      throw DynamoDbException.validation(
          "Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }
    return v;
  }

  /** Exact arithmetic for SET a = b + c and ADD, within DynamoDB's precision. */
  public static BigDecimal add(BigDecimal a, BigDecimal b) {
    try {
      return check(a.add(b, CONTEXT));
    } catch (ArithmeticException e) {
      throw DynamoDbException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }
  }

  public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
    return add(a, b.negate());
  }

  static BigDecimal normalise(BigDecimal value) {
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  static String text(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.toPlainString();
  }
}
