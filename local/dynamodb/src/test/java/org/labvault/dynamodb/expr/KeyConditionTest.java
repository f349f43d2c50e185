package org.labvault.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labvault.dynamodb.expr.Fixtures.ctx;
import static org.labvault.dynamodb.expr.Fixtures.value;
import static org.labvault.dynamodb.expr.Fixtures.values;

import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.value.AttributeValue;

class KeyConditionTest {

  private static final String VALUES = "{':p':{'S':'p1'},':a':{'S':'a'},':c':{'S':'c'},':n':{'N':'3'},':b':{'B':'AQ=='}}";

  private static KeyCondition parse(String expression) {
    return Expressions.keyCondition(expression, values(VALUES), "pk", "sk");
  }

  @Test
  void hashOnly() {
    KeyCondition k = Expressions.keyCondition("pk = :p", values("{':p':{'S':'p1'}}"), "pk", null);
    assertThat(k.hashValue()).isEqualTo(AttributeValue.s("p1"));
    assertThat(k.range()).isNull();
  }

  @Test
  void everySortKeyOperator() {
    assertThat(parse("pk = :p AND sk = :a").range()).isEqualTo(new RangeCondition(RangeCondition.Op.EQ, AttributeValue.s("a"), null));
    assertThat(parse("pk = :p AND sk < :a").range().op()).isEqualTo(RangeCondition.Op.LT);
    assertThat(parse("pk = :p AND sk <= :a").range().op()).isEqualTo(RangeCondition.Op.LE);
    assertThat(parse("pk = :p AND sk > :a").range().op()).isEqualTo(RangeCondition.Op.GT);
    assertThat(parse("pk = :p AND sk >= :a").range().op()).isEqualTo(RangeCondition.Op.GE);
    assertThat(parse(":a > sk AND pk = :p").range().op()).isEqualTo(RangeCondition.Op.LT);
    KeyCondition between = parse("(pk = :p) AND (sk BETWEEN :a AND :c)");
    assertThat(between.hashValue()).isEqualTo(AttributeValue.s("p1"));
    assertThat(between.range()).isEqualTo(new RangeCondition(RangeCondition.Op.BETWEEN, AttributeValue.s("a"), AttributeValue.s("c")));
    assertThat(parse("pk = :p and begins_with(sk, :a)").range().op()).isEqualTo(RangeCondition.Op.BEGINS_WITH);
  }

  @Test
  void rangeConditionTests() {
    RangeCondition lt = new RangeCondition(RangeCondition.Op.LT, AttributeValue.n(10));
    assertThat(lt.test(AttributeValue.n(9))).isTrue();
    assertThat(lt.test(AttributeValue.n(10))).isFalse();
    assertThat(lt.test(AttributeValue.s("1"))).isFalse();
    assertThat(new RangeCondition(RangeCondition.Op.LE, AttributeValue.n(10)).test(AttributeValue.n(10))).isTrue();
    assertThat(new RangeCondition(RangeCondition.Op.GT, AttributeValue.s("b")).test(AttributeValue.s("c"))).isTrue();
    assertThat(new RangeCondition(RangeCondition.Op.GE, AttributeValue.s("b")).test(AttributeValue.s("a"))).isFalse();
    assertThat(new RangeCondition(RangeCondition.Op.GT, AttributeValue.s("b")).test(AttributeValue.s("b"))).isFalse();
    assertThat(new RangeCondition(RangeCondition.Op.GE, AttributeValue.s("b")).test(AttributeValue.s("b"))).isTrue();
    assertThat(new RangeCondition(RangeCondition.Op.EQ, AttributeValue.s("b")).test(AttributeValue.s("b"))).isTrue();
    RangeCondition between = new RangeCondition(RangeCondition.Op.BETWEEN, AttributeValue.n(1), AttributeValue.n(3));
    assertThat(between.test(AttributeValue.n(1))).isTrue();
    assertThat(between.test(AttributeValue.n(3))).isTrue();
    assertThat(between.test(AttributeValue.n(4))).isFalse();
    RangeCondition prefix = new RangeCondition(RangeCondition.Op.BEGINS_WITH, AttributeValue.s("ab"));
    assertThat(prefix.test(AttributeValue.s("abc"))).isTrue();
    assertThat(prefix.test(AttributeValue.s("b"))).isFalse();
    assertThat(new RangeCondition(RangeCondition.Op.BEGINS_WITH, value("{'B':'AQ=='}")).test(value("{'B':'AQI='}"))).isTrue();
    assertThat(prefix.test(null)).isFalse();
  }

  @Test
  void namesResolve() {
    ExpressionContext c = ctx("#k=key,#s=range", "{':p':{'S':'x'},':s':{'N':'1'}}");
    KeyCondition k = Expressions.keyCondition("#k = :p AND #s >= :s", c, "key", "range");
    c.requireAllUsed();
    assertThat(k.range().value()).isEqualTo(AttributeValue.n(1));
  }

  @Test
  void schemaErrors() {
    assertThatThrownBy(() -> parse("sk = :a")).hasMessage("Query condition missed key schema element: pk");
    assertThatThrownBy(() -> parse("pk < :p")).hasMessage("Query key condition not supported");
    assertThatThrownBy(() -> parse("pk = :p AND pk = :a"))
        .hasMessage("KeyConditionExpressions must only contain one condition per key");
    assertThatThrownBy(() -> parse("pk = :p AND extra = :a")).hasMessage("Query condition missed key schema element: sk");
    assertThatThrownBy(() -> Expressions.keyCondition("pk = :p AND extra = :a", values("{':p':{'S':'x'},':a':{'S':'y'}}"), "pk", null))
        .hasMessage("Query key condition not supported");
  }

  @Test
  void operatorErrors() {
    assertThatThrownBy(() -> parse("pk = :p OR sk = :a"))
        .hasMessage("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR");
    assertThatThrownBy(() -> parse("pk = :p AND NOT sk = :a"))
        .hasMessage("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: NOT");
    assertThatThrownBy(() -> parse("pk = :p AND sk <> :a"))
        .hasMessage("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: <>");
    assertThatThrownBy(() -> parse("pk = :p AND sk IN (:a, :c)"))
        .hasMessage("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: IN");
    assertThatThrownBy(() -> parse("pk = :p AND contains(sk, :a)"))
        .hasMessage("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: contains");
    assertThatThrownBy(() -> parse("pk = :p AND begins_with(sk, :n)"))
        .hasMessage("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
    assertThatThrownBy(() -> parse("pk = sk"))
        .hasMessage("Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: multiple attribute names used in one condition");
    assertThatThrownBy(() -> parse("pk.x = :p"))
        .hasMessage("Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes");
    assertThatThrownBy(() -> parse(""))
        .hasMessage("Invalid KeyConditionExpression: The expression can not be empty;");
    assertThatThrownBy(() -> parse("pk = :p AND"))
        .hasMessage("Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
  }

  @Test
  void syntaxErrorsComeFirst() {
    // the undefined value and the reserved word would be errors too, but the syntax is reported
    assertThatThrownBy(() -> Expressions.condition("status = :undefined =", values(VALUES), Kind.CONDITION))
        .hasMessage("Invalid ConditionExpression: Syntax error; token: \"=\", near: \":undefined =\"");
  }
}
