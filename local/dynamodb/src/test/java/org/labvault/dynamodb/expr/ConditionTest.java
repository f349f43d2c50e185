package org.labvault.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labvault.dynamodb.expr.Fixtures.ctx;
import static org.labvault.dynamodb.expr.Fixtures.item;
import static org.labvault.dynamodb.expr.Fixtures.none;
import static org.labvault.dynamodb.expr.Fixtures.values;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.value.AttributeValue;

class ConditionTest {

  private static final Map<String, AttributeValue> ITEM = item("{"
      + "'s':{'S':'hello'}, 'n':{'N':'10'}, 'b':{'B':'AQID'}, 't':{'BOOL':true}, 'z':{'NULL':true},"
      + "'l':{'L':[{'S':'x'},{'N':'2'},{'M':{'k':{'S':'v'}}}]}, 'm':{'M':{'nested':{'M':{'deep':{'N':'7'}}},'name':{'S':'bob'}}},"
      + "'ss':{'SS':['a','b']}, 'ns':{'NS':['1','2','3']}, 'bs':{'BS':['AQ==','Ag==']}, 'e':{'S':'é😀'}}");

  private static final String VALUES = "{"
      + "':s':{'S':'hello'}, ':s2':{'S':'help'}, ':n':{'N':'10'}, ':n5':{'N':'5'}, ':n20':{'N':'20'},"
      + "':b':{'B':'AQID'}, ':b2':{'B':'AQ=='}, ':t':{'BOOL':true}, ':f':{'BOOL':false}, ':z':{'NULL':true},"
      + "':ss':{'SS':['b','a']}, ':ns':{'NS':['3','2','1']}, ':l':{'L':[{'S':'x'},{'N':'2'},{'M':{'k':{'S':'v'}}}]},"
      + "':m':{'M':{'k':{'S':'v'}}}, ':x':{'S':'x'}, ':a':{'S':'a'}, ':one':{'N':'1'}, ':two':{'N':'2'}, ':three':{'N':'3'},"
      + "':he':{'S':'he'}, ':ell':{'S':'ell'}, ':tS':{'S':'S'}, ':tN':{'S':'N'}, ':tSS':{'S':'SS'}, ':tM':{'S':'M'},"
      + "':tL':{'S':'L'}, ':tNULL':{'S':'NULL'}, ':tBOOL':{'S':'BOOL'}, ':tB':{'S':'B'}, ':tBS':{'S':'BS'}, ':tNS':{'S':'NS'},"
      + "':b1':{'B':'AQ=='}, ':seven':{'N':'7.0'}, ':bob':{'S':'bob'}, ':v':{'S':'v'}}";

  private static boolean eval(String expression) {
    return Expressions.condition(expression, values(VALUES), Kind.CONDITION).test(ITEM);
  }

  @Test
  void equalityOnEveryType() {
    assertThat(eval("s = :s")).isTrue();
    assertThat(eval("s = :s2")).isFalse();
    assertThat(eval("n = :n")).isTrue();
    assertThat(eval("b = :b")).isTrue();
    assertThat(eval("t = :t")).isTrue();
    assertThat(eval("t = :f")).isFalse();
    assertThat(eval("z = :z")).isTrue();
    assertThat(eval("ss = :ss")).isTrue(); // set order does not matter
    assertThat(eval("ns = :ns")).isTrue();
    assertThat(eval("l = :l")).isTrue();
    assertThat(eval("l[2] = :m")).isTrue();
    assertThat(eval("m.nested.deep = :seven")).isTrue(); // 7.0 equals 7
    assertThat(eval("m.name = :bob".replace("name", "nested")) ).isFalse();
  }

  @Test
  void notEqualAndDifferentTypes() {
    assertThat(eval("s <> :s2")).isTrue();
    assertThat(eval("s <> :s")).isFalse();
    assertThat(eval("n = :s")).isFalse();
    assertThat(eval("absent = :s")).isFalse();
    assertThat(eval("absent <> :s")).isTrue();
  }

  @Test
  void ordering() {
    assertThat(eval("n > :n5")).isTrue();
    assertThat(eval("n >= :n")).isTrue();
    assertThat(eval("n < :n20")).isTrue();
    assertThat(eval("n <= :n5")).isFalse();
    assertThat(eval("s < :s2")).isTrue(); // "hello" < "help"
    assertThat(eval("b > :b2")).isTrue();
    assertThat(eval("s > :n")).isFalse(); // different types
    assertThat(eval("absent < :n")).isFalse();
    assertThat(eval("l < :n")).isFalse();
  }

  @Test
  void orderingAtTheBoundaries() {
    assertThat(eval("n > :n")).isFalse();
    assertThat(eval("s > :he")).isTrue(); // a string orders after its own prefix
    assertThat(eval("s <= :n")).isFalse(); // a string and a number have no order, not an equal one
    assertThat(eval("n BETWEEN :s AND :n20")).isFalse();
  }

  @Test
  void betweenAndIn() {
    assertThat(eval("n BETWEEN :n5 AND :n20")).isTrue();
    assertThat(eval("n BETWEEN :n AND :n")).isTrue();
    assertThat(eval("n BETWEEN :one AND :n5")).isFalse();
    assertThat(eval("s BETWEEN :he AND :s2")).isTrue();
    assertThat(eval("n IN (:one, :n, :two)")).isTrue();
    assertThat(eval("n IN (:one, :two)")).isFalse();
    assertThat(eval("s IN (:s)")).isTrue();
    assertThat(eval("absent IN (:s)")).isFalse();
  }

  @Test
  void logicalOperatorsAndPrecedence() {
    assertThat(eval("s = :s AND n = :n")).isTrue();
    assertThat(eval("s = :s AND n = :one")).isFalse();
    assertThat(eval("s = :x OR n = :n")).isTrue();
    assertThat(eval("NOT s = :x")).isTrue();
    assertThat(eval("not s = :s")).isFalse();
    // AND binds tighter than OR: true OR (false AND false)
    assertThat(eval("s = :s OR n = :one AND n = :two")).isTrue();
    // with parentheses: (true OR false) AND false
    assertThat(eval("(s = :s OR n = :one) AND n = :two")).isFalse();
    // NOT binds tighter than AND: (NOT false) AND true
    assertThat(eval("NOT s = :x AND n = :n")).isTrue();
    assertThat(eval("NOT (s = :s AND n = :n)")).isFalse();
    assertThat(eval("NOT NOT s = :s")).isTrue();
  }

  @Test
  void existenceFunctions() {
    assertThat(eval("attribute_exists(s)")).isTrue();
    assertThat(eval("attribute_exists(z)")).isTrue(); // NULL is a value
    assertThat(eval("attribute_exists(m.nested.deep)")).isTrue();
    assertThat(eval("attribute_exists(l[5])")).isFalse();
    assertThat(eval("attribute_exists(l[2])")).isTrue();
    assertThat(eval("attribute_exists(l[3])")).isFalse(); // one past the last element
    assertThat(eval("attribute_not_exists(absent)")).isTrue();
    assertThat(eval("attribute_not_exists(s)")).isFalse();
    assertThat(eval("attribute_not_exists(s.x)")).isTrue();
  }

  @Test
  void attributeType() {
    assertThat(eval("attribute_type(s, :tS)")).isTrue();
    assertThat(eval("attribute_type(s, :tN)")).isFalse();
    assertThat(eval("attribute_type(n, :tN)")).isTrue();
    assertThat(eval("attribute_type(ss, :tSS)")).isTrue();
    assertThat(eval("attribute_type(ns, :tNS)")).isTrue();
    assertThat(eval("attribute_type(bs, :tBS)")).isTrue();
    assertThat(eval("attribute_type(b, :tB)")).isTrue();
    assertThat(eval("attribute_type(m, :tM)")).isTrue();
    assertThat(eval("attribute_type(l, :tL)")).isTrue();
    assertThat(eval("attribute_type(z, :tNULL)")).isTrue();
    assertThat(eval("attribute_type(t, :tBOOL)")).isTrue();
    assertThat(eval("attribute_type(absent, :tS)")).isFalse();
  }

  @Test
  void beginsWith() {
    assertThat(eval("begins_with(s, :he)")).isTrue();
    assertThat(eval("begins_with(s, :ell)")).isFalse();
    assertThat(eval("begins_with(b, :b1)")).isTrue();
    assertThat(eval("begins_with(n, :he)")).isFalse();
    assertThat(eval("begins_with(absent, :he)")).isFalse();
    ExpressionContext otherBytes = values("{':b':{'B':'Ag=='}}");
    assertThat(Expressions.condition("begins_with(b, :b)", otherBytes, Kind.CONDITION).test(ITEM)).isFalse();
  }

  @Test
  void contains() {
    assertThat(eval("contains(s, :ell)")).isTrue();
    assertThat(eval("contains(s, :x)")).isFalse();
    assertThat(eval("contains(ss, :a)")).isTrue();
    assertThat(eval("contains(ss, :x)")).isFalse();
    assertThat(eval("contains(ns, :two)")).isTrue();
    assertThat(eval("contains(bs, :b1)")).isTrue();
    assertThat(eval("contains(b, :b1)")).isTrue();
    assertThat(eval("contains(l, :x)")).isTrue();
    assertThat(eval("contains(l, :m)")).isTrue();
    assertThat(eval("contains(l, :a)")).isFalse();
    assertThat(eval("contains(n, :one)")).isFalse();
    assertThat(eval("contains(absent, :a)")).isFalse();
  }

  @Test
  void sizeFunction() {
    assertThat(eval("size(s) = :n5")).isTrue();
    assertThat(eval("size(e) = :two")).isTrue(); // characters, not UTF-16 units
    assertThat(eval("size(b) = :three")).isTrue();
    assertThat(eval("size(ss) = :two")).isTrue();
    assertThat(eval("size(ns) = :three")).isTrue();
    assertThat(eval("size(bs) = :two")).isTrue();
    assertThat(eval("size(l) = :three")).isTrue();
    assertThat(eval("size(m) = :two")).isTrue();
    assertThat(eval("size(l[2]) = :one")).isTrue();
    assertThat(eval("size(s) > :two AND size(s) < :n")).isTrue();
    assertThat(eval("size(n) = :two")).isFalse();
    assertThat(eval("size(absent) = :two")).isFalse();
    assertThat(eval(":n20 > size(s)")).isTrue();
  }

  @Test
  void namesAndNestedPaths() {
    ExpressionContext c = ctx("#st=status,#m=m,#n=name", "{':bob':{'S':'bob'},':v':{'S':'active'}}");
    Condition cond = Expressions.condition("#m.#n = :bob AND #st = :v", c, Kind.FILTER);
    assertThat(cond.test(ITEM)).isFalse();
    Map<String, AttributeValue> withStatus = new java.util.HashMap<>(ITEM);
    withStatus.put("status", AttributeValue.s("active"));
    assertThat(cond.test(withStatus)).isTrue();
    c.requireAllUsed();
  }

  @Test
  void namesMayStartWithAnyLetterOrUnderscore() {
    assertThat(eval("attribute_not_exists(aq) AND attribute_not_exists(zq) AND attribute_not_exists(Aq)"
        + " AND attribute_not_exists(Zq) AND attribute_not_exists(_q)")).isTrue();
  }

  @Test
  void attributeNameWithDotIsOneName() {
    Map<String, AttributeValue> item = item("{'a.b':{'N':'1'},'a':{'M':{'b':{'N':'2'}}}}");
    ExpressionContext c = ctx("#ab=a.b", "{':one':{'N':'1'}}");
    assertThat(Expressions.condition("#ab = :one", c, Kind.CONDITION).test(item)).isTrue();
  }

  @Test
  void listIndexes() {
    assertThat(eval("l[0] = :x")).isTrue();
    assertThat(eval("l[1] = :two")).isTrue();
    assertThat(eval("l[2].k = :v")).isTrue();
    assertThat(eval("s[0] = :x")).isFalse();
  }

  @Test
  void keywordsAreCaseInsensitive() {
    assertThat(eval("n between :n5 and :n20 or s in (:x)")).isTrue();
  }

  @Test
  void valueOnTheLeft() {
    assertThat(eval(":n5 < n")).isTrue();
    assertThat(eval(":s = s")).isTrue();
  }

  private static String message(Runnable r) {
    try {
      r.run();
    } catch (DynamoDbException e) {
      assertThat(e.type()).isEqualTo("ValidationException");
      return e.getMessage();
    }
    throw new AssertionError("no error");
  }

  private static String conditionError(String expression, ExpressionContext c) {
    return message(() -> Expressions.condition(expression, c, Kind.CONDITION));
  }

  @Test
  void emptyExpression() {
    assertThat(conditionError("", none())).isEqualTo("Invalid ConditionExpression: The expression can not be empty;");
    assertThat(message(() -> Expressions.condition("", none(), Kind.FILTER)))
        .isEqualTo("Invalid FilterExpression: The expression can not be empty;");
  }

  @Test
  void reservedWord() {
    assertThat(conditionError("status = :v", values("{':v':{'S':'x'}}")))
        .isEqualTo("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
    assertThat(conditionError("a.Size = :v", values("{':v':{'S':'x'}}")))
        .isEqualTo("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Size");
    assertThat(ReservedWords.count()).isGreaterThan(560);
    assertThat(ReservedWords.isReserved("zone")).isTrue();
    assertThat(ReservedWords.isReserved("pk")).isFalse();
  }

  @Test
  void undefinedNamesAndValues() {
    assertThat(conditionError("#x = :v", values("{':v':{'S':'x'}}"))).isEqualTo(
        "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
    assertThat(conditionError("a = :v", none())).isEqualTo(
        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v");
  }

  @Test
  void unusedAndEmptySubstitutions() {
    ExpressionContext c = ctx("#a=a,#b=b,#c=c", "{':x':{'S':'x'},':y':{'S':'y'}}");
    Expressions.condition("#c = :y", c, Kind.CONDITION);
    assertThat(message(c::requireAllUsed))
        .isEqualTo("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}");
    ExpressionContext v = ctx(null, "{':x':{'S':'x'},':y':{'S':'y'}}");
    Expressions.condition("a = :y", v, Kind.CONDITION);
    assertThat(message(v::requireAllUsed))
        .isEqualTo("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
    assertThat(message(() -> new ExpressionContext(Map.of(), null)))
        .isEqualTo("ExpressionAttributeNames must not be empty");
    assertThat(message(() -> new ExpressionContext(null, Map.of())))
        .isEqualTo("ExpressionAttributeValues must not be empty");
  }

  @Test
  void invalidSubstitutionKeys() {
    assertThat(message(() -> new ExpressionContext(Map.of("a", "b"), null)))
        .isEqualTo("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
    assertThat(message(() -> new ExpressionContext(null, Map.of("#v", AttributeValue.s("x")))))
        .isEqualTo("ExpressionAttributeValues contains invalid key: Syntax error; key: \"#v\"");
    assertThat(message(() -> new ExpressionContext(null, Map.of(":", AttributeValue.s("x")))))
        .isEqualTo("ExpressionAttributeValues contains invalid key: Syntax error; key: \":\"");
    assertThat(message(() -> new ExpressionContext(Map.of("#a-b", "x"), null)))
        .isEqualTo("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
    assertThat(message(() -> new ExpressionContext(Map.of("#é", "x"), null)))
        .isEqualTo("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#é\"");
    assertThat(new ExpressionContext(Map.of("#a_1", "x"), Map.of(":v", AttributeValue.s("x"))).name("#a_1", Kind.CONDITION))
        .isEqualTo("x");
  }

  @Test
  void syntaxErrors() {
    ExpressionContext c = values("{':v':{'S':'x'}}");
    assertThat(conditionError("a = ", c))
        .isEqualTo("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
    assertThat(conditionError("attribute_exists(a) AND NOT b", none()))
        .isEqualTo("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"b\"");
    // a comparison sign at the very end is read alone, not with the character after it
    assertThat(conditionError("a <", none()))
        .isEqualTo("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"<\"");
    assertThat(conditionError("a >", none()))
        .isEqualTo("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \">\"");
    assertThat(conditionError("a = = :v", c))
        .isEqualTo("Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\"");
    assertThat(conditionError("a = 5", c))
        .isEqualTo("Invalid ConditionExpression: Syntax error; token: \"5\", near: \"= 5\"");
    assertThat(conditionError("a = :v)", c))
        .isEqualTo("Invalid ConditionExpression: Syntax error; token: \")\", near: \":v)\"");
    assertThat(conditionError("a = : v", c))
        .isEqualTo("Invalid ConditionExpression: Syntax error; token: \":\", near: \"= : v\"");
  }

  @Test
  void functionErrors() {
    ExpressionContext c = values("{':v':{'S':'x'},':n':{'N':'1'},':t':{'S':'XX'}}");
    assertThat(conditionError("foo(a) AND a = :v AND b = :n", c))
        .isEqualTo("Invalid ConditionExpression: Invalid function name; function: foo");
    assertThat(conditionError("size(a)", none()))
        .isEqualTo("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
    assertThat(conditionError("attribute_exists(a) = :v", c))
        .isEqualTo("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists");
    assertThat(conditionError("attribute_exists(:v)", c))
        .isEqualTo("Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists");
    assertThat(conditionError("attribute_exists(a, b)", none()))
        .isEqualTo("Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2");
    assertThat(conditionError("attribute_type(a, :t)", c))
        .startsWith("Invalid ConditionExpression: Invalid attribute type name found; type: XX");
    assertThat(conditionError("begins_with(a, :n)", c))
        .isEqualTo("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
    assertThat(conditionError("contains(a, a)", none()))
        .isEqualTo("Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]");
    assertThat(conditionError("a = a", none()))
        .isEqualTo("Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]");
    assertThat(conditionError("if_not_exists(a, :v)", c))
        .isEqualTo("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: if_not_exists");
  }

  @Test
  void operatorErrors() {
    ExpressionContext c = values("{':lo':{'N':'5'},':hi':{'N':'1'}}");
    assertThat(conditionError("a BETWEEN :lo AND :hi", c)).isEqualTo(
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
            + "lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}");
    assertThat(conditionError("a < :t", values("{':t':{'BOOL':true}}"))).isEqualTo(
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL");
    assertThat(conditionError("((a < :lo))", values("{':lo':{'N':'5'}}")))
        .isEqualTo("Invalid ConditionExpression: The expression has redundant parentheses;");
    StringBuilder in = new StringBuilder("a IN (");
    StringBuilder vals = new StringBuilder("{");
    for (int i = 0; i < 101; i++) {
      in.append(i == 0 ? "" : ",").append(":v").append(i);
      vals.append(i == 0 ? "" : ",").append("':v").append(i).append("':{'N':'").append(i).append("'}");
    }
    assertThat(conditionError(in.append(")").toString(), values(vals.append("}").toString())))
        .contains("IN").contains("101");
  }

  @Test
  void filterKindInMessages() {
    assertThat(message(() -> Expressions.condition("a = ", none(), Kind.FILTER)))
        .startsWith("Invalid FilterExpression: Syntax error;");
  }
}
