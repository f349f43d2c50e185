package org.labvault.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.dynamodb.expr.Fixtures.ctx;
import static org.labvault.dynamodb.expr.Fixtures.item;
import static org.labvault.dynamodb.expr.Fixtures.none;
import static org.labvault.dynamodb.expr.Fixtures.value;
import static org.labvault.dynamodb.expr.Fixtures.values;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.value.AttributeValue;

class UpdateTest {

  private static final String VALUES = "{"
      + "':one':{'N':'1'}, ':two':{'N':'2'}, ':s':{'S':'x'}, ':l':{'L':[{'S':'c'}]}, ':l0':{'L':[{'S':'z'}]},"
      + "':ss':{'SS':['b','c']}, ':ssa':{'SS':['a']}, ':ns':{'NS':['5']}, ':bs':{'BS':['AQ==']}, ':m':{'M':{}},"
      + "':big':{'N':'99999999999999999999999999999999999999'}}";

  private static Map<String, AttributeValue> apply(String expression, String itemJson) {
    Update u = Expressions.update(expression, values(VALUES));
    return u.apply(item(itemJson));
  }

  private static String message(Runnable r) {
    try {
      r.run();
    } catch (DynamoDbException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error");
  }

  @Test
  void setValuesPathsAndArithmetic() {
    Map<String, AttributeValue> out = apply("SET a = :s, b = c, d = c + :one, e = c - :two", "{'c':{'N':'10'}}");
    assertThat(out).isEqualTo(item("{'c':{'N':'10'},'a':{'S':'x'},'b':{'N':'10'},'d':{'N':'11'},'e':{'N':'8'}}"));
  }

  @Test
  void setReadsTheItemBeforeTheUpdate() {
    Map<String, AttributeValue> out = apply("SET a = b, b = a", "{'a':{'N':'1'},'b':{'N':'2'}}");
    assertThat(out).isEqualTo(item("{'a':{'N':'2'},'b':{'N':'1'}}"));
  }

  @Test
  void inputIsUntouched() {
    Map<String, AttributeValue> in = item("{'a':{'M':{'b':{'N':'1'}}}}");
    Map<String, AttributeValue> copy = Map.copyOf(in);
    Expressions.update("SET a.b = :two REMOVE x", values("{':two':{'N':'2'}}")).apply(in);
    assertThat(in).isEqualTo(copy);
  }

  @Test
  void ifNotExistsAndListAppend() {
    assertThat(apply("SET a = if_not_exists(a, :one)", "{}")).isEqualTo(item("{'a':{'N':'1'}}"));
    assertThat(apply("SET a = if_not_exists(a, :one)", "{'a':{'N':'7'}}")).isEqualTo(item("{'a':{'N':'7'}}"));
    assertThat(apply("SET a = if_not_exists(a, :one) + :two", "{}")).isEqualTo(item("{'a':{'N':'3'}}"));
    assertThat(apply("SET l = list_append(l, :l)", "{'l':{'L':[{'S':'a'},{'S':'b'}]}}"))
        .isEqualTo(item("{'l':{'L':[{'S':'a'},{'S':'b'},{'S':'c'}]}}"));
    assertThat(apply("SET l = list_append(:l0, l)", "{'l':{'L':[{'S':'a'}]}}"))
        .isEqualTo(item("{'l':{'L':[{'S':'z'},{'S':'a'}]}}"));
    assertThat(apply("SET l = list_append(if_not_exists(l, :l0), :l)", "{}"))
        .isEqualTo(item("{'l':{'L':[{'S':'z'},{'S':'c'}]}}"));
  }

  @Test
  void nestedSetAndListIndexes() {
    assertThat(apply("SET m.k = :s", "{'m':{'M':{}}}")).isEqualTo(item("{'m':{'M':{'k':{'S':'x'}}}}"));
    assertThat(apply("SET l[1] = :s", "{'l':{'L':[{'N':'1'},{'N':'2'}]}}"))
        .isEqualTo(item("{'l':{'L':[{'N':'1'},{'S':'x'}]}}"));
    // past the end appends
    assertThat(apply("SET l[10] = :s", "{'l':{'L':[{'N':'1'}]}}"))
        .isEqualTo(item("{'l':{'L':[{'N':'1'},{'S':'x'}]}}"));
    assertThat(apply("SET l[0].k = :s", "{'l':{'L':[{'M':{}}]}}"))
        .isEqualTo(item("{'l':{'L':[{'M':{'k':{'S':'x'}}}]}}"));
  }

  @Test
  void invalidDocumentPaths() {
    String invalid = "The document path provided in the update expression is invalid for update";
    assertThat(message(() -> apply("SET a.b = :s", "{}"))).isEqualTo(invalid);
    assertThat(message(() -> apply("SET a.b = :s", "{'a':{'N':'1'}}"))).isEqualTo(invalid);
    assertThat(message(() -> apply("SET a[0] = :s", "{'a':{'M':{}}}"))).isEqualTo(invalid);
    assertThat(message(() -> apply("REMOVE a.b", "{}"))).isEqualTo(invalid);
    assertThat(message(() -> apply("SET l[2].k = :s", "{'l':{'L':[{'M':{}},{'M':{}}]}}"))).isEqualTo(invalid);
  }

  @Test
  void listIndexesOnePastTheEnd() {
    String two = "{'l':{'L':[{'S':'a'},{'S':'b'}]}}";
    assertThat(apply("SET l[2] = :s", two)).isEqualTo(item("{'l':{'L':[{'S':'a'},{'S':'b'},{'S':'x'}]}}"));
    assertThat(apply("REMOVE l[2]", two)).isEqualTo(item(two));
    assertThat(apply("REMOVE l[0].k", "{'l':{'L':[{'M':{'k':{'S':'v'},'j':{'S':'w'}}}]}}"))
        .isEqualTo(item("{'l':{'L':[{'M':{'j':{'S':'w'}}}]}}"));
  }

  @Test
  void runtimeTypeErrors() {
    String wrong = "An operand in the update expression has an incorrect data type";
    assertThat(message(() -> apply("SET a = b + :one", "{'b':{'S':'x'}}"))).isEqualTo(wrong);
    assertThat(message(() -> apply("SET a = list_append(b, :l)", "{'b':{'S':'x'}}"))).isEqualTo(wrong);
    assertThat(message(() -> apply("ADD a :one", "{'a':{'S':'x'}}"))).isEqualTo(wrong);
    assertThat(message(() -> apply("ADD a :ss", "{'a':{'NS':['1']}}"))).isEqualTo(wrong);
    assertThat(message(() -> apply("DELETE a :ss", "{'a':{'S':'x'}}"))).isEqualTo(wrong);
    assertThat(message(() -> apply("SET a = b", "{}")))
        .isEqualTo("The provided expression refers to an attribute that does not exist in the item");
    // 39 significant digits cannot be stored
    assertThat(message(() -> apply("SET a = a + :big", "{'a':{'N':'99999999999999999999999999999999999999'}}")))
        .isNotBlank();
  }

  @Test
  void remove() {
    assertThat(apply("REMOVE a, b.c", "{'a':{'N':'1'},'b':{'M':{'c':{'N':'1'},'d':{'N':'2'}}},'e':{'N':'3'}}"))
        .isEqualTo(item("{'b':{'M':{'d':{'N':'2'}}},'e':{'N':'3'}}"));
    assertThat(apply("REMOVE absent", "{'a':{'N':'1'}}")).isEqualTo(item("{'a':{'N':'1'}}"));
  }

  @Test
  void removeListElementsShiftsLaterOnes() {
    String list = "{'l':{'L':[{'S':'a'},{'S':'b'},{'S':'c'},{'S':'d'}]}}";
    assertThat(apply("REMOVE l[1]", list)).isEqualTo(item("{'l':{'L':[{'S':'a'},{'S':'c'},{'S':'d'}]}}"));
    // both indexes name elements of the list as it was
    assertThat(apply("REMOVE l[0], l[2]", list)).isEqualTo(item("{'l':{'L':[{'S':'b'},{'S':'d'}]}}"));
    assertThat(apply("REMOVE l[9]", list)).isEqualTo(item(list));
  }

  @Test
  void addNumbersAndSets() {
    assertThat(apply("ADD n :two", "{'n':{'N':'1'}}")).isEqualTo(item("{'n':{'N':'3'}}"));
    assertThat(apply("ADD n :two", "{}")).isEqualTo(item("{'n':{'N':'2'}}"));
    assertThat(apply("ADD s :ss", "{'s':{'SS':['a','b']}}")).isEqualTo(item("{'s':{'SS':['a','b','c']}}"));
    assertThat(apply("ADD s :ss", "{}")).isEqualTo(item("{'s':{'SS':['b','c']}}"));
    assertThat(apply("ADD s :ns", "{'s':{'NS':['1']}}")).isEqualTo(item("{'s':{'NS':['1','5']}}"));
    assertThat(apply("ADD s :bs", "{'s':{'BS':['Ag==']}}")).isEqualTo(item("{'s':{'BS':['Ag==','AQ==']}}"));
    assertThat(apply("ADD m.n :one", "{'m':{'M':{}}}")).isEqualTo(item("{'m':{'M':{'n':{'N':'1'}}}}"));
  }

  @Test
  void deleteFromSets() {
    assertThat(apply("DELETE s :ss", "{'s':{'SS':['a','b','c']}}")).isEqualTo(item("{'s':{'SS':['a']}}"));
    // a set that becomes empty is removed
    assertThat(apply("DELETE s :ssa", "{'s':{'SS':['a']},'x':{'N':'1'}}")).isEqualTo(item("{'x':{'N':'1'}}"));
    assertThat(apply("DELETE s :ss", "{}")).isEqualTo(item("{}"));
    assertThat(apply("DELETE s :ns", "{'s':{'NS':['5','6']}}")).isEqualTo(item("{'s':{'NS':['6']}}"));
    assertThat(apply("DELETE s :bs", "{'s':{'BS':['AQ==','Ag==']}}")).isEqualTo(item("{'s':{'BS':['Ag==']}}"));
    assertThat(apply("DELETE s :bs", "{'s':{'BS':['AQ==']}}")).isEqualTo(item("{}"));
  }

  @Test
  void allClausesTogether() {
    Update u = Expressions.update(
        "SET a = :one REMOVE b ADD c :two DELETE d :ssa", values("{':one':{'N':'1'},':two':{'N':'2'},':ssa':{'SS':['a']}}"));
    assertThat(u.apply(item("{'b':{'N':'1'},'c':{'N':'1'},'d':{'SS':['a','z']}}")))
        .isEqualTo(item("{'c':{'N':'3'},'d':{'SS':['z']},'a':{'N':'1'}}"));
    assertThat(u.topLevelNames()).containsExactly("a", "b", "c", "d");
    assertThat(u.updatedPaths()).containsExactly(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"));
  }

  @Test
  void clausesAreCaseInsensitiveAndNamesResolve() {
    ExpressionContext c = ctx("#s=status,#m=m", "{':v':{'S':'on'}}");
    Update u = Expressions.update("set #s = :v remove #m.x", c);
    c.requireAllUsed();
    assertThat(u.apply(item("{'m':{'M':{'x':{'N':'1'}}}}"))).isEqualTo(item("{'m':{'M':{}},'status':{'S':'on'}}"));
    assertThat(u.updatedPaths()).containsExactly(Path.of("status"), Path.of("m", "x"));
    assertThat(u.updatedPaths().get(1).toString()).isEqualTo("[m, x]");
    assertThat(Path.of("a", 2, "b").text()).isEqualTo("a[2].b");
  }

  @Test
  void parseErrors() {
    assertThat(message(() -> Expressions.update("", none())))
        .isEqualTo("Invalid UpdateExpression: The expression can not be empty;");
    assertThat(message(() -> Expressions.update("SET a = :one SET b = :two", values(VALUES))))
        .isEqualTo("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
    assertThat(message(() -> Expressions.update("SET a = :one REMOVE a.b", values(VALUES))))
        .isEqualTo("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
    assertThat(message(() -> Expressions.update("SET a = :one, a = :two", values(VALUES))))
        .isEqualTo("Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
    assertThat(message(() -> Expressions.update("ADD a :s", values(VALUES))))
        .isEqualTo("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
    assertThat(message(() -> Expressions.update("DELETE a :one", values(VALUES))))
        .isEqualTo("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
    assertThat(message(() -> Expressions.update("SET a = list_append(a, :m)", values(VALUES))))
        .isEqualTo("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: M");
    assertThat(message(() -> Expressions.update("SET a = size(b)", none())))
        .isEqualTo("Invalid UpdateExpression: The function is not allowed in an update expression; function: size");
    assertThat(message(() -> Expressions.update("SET a = foo(b)", none())))
        .isEqualTo("Invalid UpdateExpression: Invalid function name; function: foo");
    assertThat(message(() -> Expressions.update("INVALID SYNTAX HERE", none())))
        .isEqualTo("Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
    assertThat(message(() -> Expressions.update("ADD hits : incr", values("{':incr':{'N':'1'}}"))))
        .isEqualTo("Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"");
    assertThat(message(() -> Expressions.update("SET name = :s", values(VALUES))))
        .isEqualTo("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name");
    assertThat(message(() -> Expressions.update("REMOVE", none())))
        .isEqualTo("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"REMOVE\"");
  }

  @Test
  void numbersStayExact() {
    Update u = Expressions.update("SET a = a + :x", values("{':x':{'N':'0.1'}}"));
    assertThat(u.apply(item("{'a':{'N':'0.2'}}")).get("a")).isEqualTo(value("{'N':'0.3'}"));
  }
}
