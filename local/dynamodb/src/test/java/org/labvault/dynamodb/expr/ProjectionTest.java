package org.labvault.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labvault.dynamodb.expr.Fixtures.ctx;
import static org.labvault.dynamodb.expr.Fixtures.item;
import static org.labvault.dynamodb.expr.Fixtures.none;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.value.AttributeValue;

class ProjectionTest {

  private static final Map<String, AttributeValue> ITEM = item("{'pk':{'S':'1'},'a':{'M':{'b':{'L':[{'N':'0'},{'N':'1'},{'M':{'c':{'S':'x'},'d':{'S':'y'}}}]},'e':{'S':'z'}}},"
      + "'f':{'N':'5'},'status':{'S':'on'}}");

  @Test
  void topLevelAttributes() {
    assertThat(Expressions.projection("pk, f", none()).apply(ITEM)).isEqualTo(item("{'pk':{'S':'1'},'f':{'N':'5'}}"));
  }

  @Test
  void nestedPathsKeepTheirStructure() {
    assertThat(Expressions.projection("a.b[1]", none()).apply(ITEM)).isEqualTo(item("{'a':{'M':{'b':{'L':[{'N':'1'}]}}}}"));
    assertThat(Expressions.projection("a.b[2].c, a.e", none()).apply(ITEM))
        .isEqualTo(item("{'a':{'M':{'b':{'L':[{'M':{'c':{'S':'x'}}}]},'e':{'S':'z'}}}}"));
    // list elements come back in index order, compacted
    assertThat(Expressions.projection("a.b[2].d, a.b[0]", none()).apply(ITEM))
        .isEqualTo(item("{'a':{'M':{'b':{'L':[{'N':'0'},{'M':{'d':{'S':'y'}}}]}}}}"));
  }

  @Test
  void missingPathsAreSkipped() {
    assertThat(Expressions.projection("x, a.zz, a.b[7], f", none()).apply(ITEM)).isEqualTo(item("{'f':{'N':'5'}}"));
  }

  @Test
  void namesAndPaths() {
    ExpressionContext c = ctx("#s=status", null);
    Projection p = Expressions.projection("#s, a.e", c);
    c.requireAllUsed();
    assertThat(p.apply(ITEM)).isEqualTo(item("{'status':{'S':'on'},'a':{'M':{'e':{'S':'z'}}}}"));
    assertThat(p.paths()).containsExactly(Path.of("status"), Path.of("a", "e"));
  }

  @Test
  void legacyAttributesToGet() {
    Projection p = Projection.of(List.of("f", "pk", "f", "nothing"));
    assertThat(p.apply(ITEM)).isEqualTo(item("{'f':{'N':'5'},'pk':{'S':'1'}}"));
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> Expressions.projection("a, a.b", none())).isInstanceOf(DynamoDbException.class)
        .hasMessage("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
    assertThatThrownBy(() -> Expressions.projection("a.b, a.b", none()))
        .hasMessage("Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, b]");
    assertThatThrownBy(() -> Expressions.projection("", none()))
        .hasMessage("Invalid ProjectionExpression: The expression can not be empty;");
    assertThatThrownBy(() -> Expressions.projection("id, user-name", none()))
        .hasMessage("Invalid ProjectionExpression: Syntax error; token: \"-\", near: \"user-name\"");
    assertThatThrownBy(() -> Expressions.projection("status", none()))
        .hasMessage("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status");
    assertThatThrownBy(() -> Expressions.projection("a[x]", none()))
        .hasMessage("Invalid ProjectionExpression: Syntax error; token: \"x\", near: \"[x]\"");
  }
}
