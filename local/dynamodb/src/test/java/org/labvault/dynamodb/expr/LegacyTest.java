package org.labvault.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labvault.dynamodb.expr.Fixtures.item;
import static org.labvault.dynamodb.expr.Fixtures.json;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.value.AttributeValue;

class LegacyTest {

  private static final Map<String, AttributeValue> ITEM = item(
      "{'s':{'S':'hello'},'n':{'N':'5'},'ss':{'SS':['a','b']},'l':{'L':[{'S':'x'}]},'b':{'B':'AQID'},'t':{'BOOL':true}}");

  private static boolean filter(String attr, String op, String list) {
    return Legacy.filter(json("{'" + attr + "':{'ComparisonOperator':'" + op + "','AttributeValueList':" + list + "}}"), null)
        .test(ITEM);
  }

  @Test
  void everyComparisonOperator() {
    assertThat(filter("s", "EQ", "[{'S':'hello'}]")).isTrue();
    assertThat(filter("s", "EQ", "[{'S':'x'}]")).isFalse();
    assertThat(filter("ss", "EQ", "[{'SS':['b','a']}]")).isTrue();
    assertThat(filter("s", "NE", "[{'S':'x'}]")).isTrue();
    assertThat(filter("s", "NE", "[{'S':'hello'}]")).isFalse();
    assertThat(filter("n", "LE", "[{'N':'5'}]")).isTrue();
    assertThat(filter("n", "LT", "[{'N':'5'}]")).isFalse();
    assertThat(filter("n", "GE", "[{'N':'5'}]")).isTrue();
    assertThat(filter("n", "GT", "[{'N':'4'}]")).isTrue();
    assertThat(filter("n", "GT", "[{'S':'4'}]")).isFalse();
    assertThat(filter("n", "NOT_NULL", "[]")).isTrue();
    assertThat(filter("zz", "NOT_NULL", "[]")).isFalse();
    assertThat(filter("zz", "NULL", "[]")).isTrue();
    assertThat(filter("n", "NULL", "[]")).isFalse();
    assertThat(filter("s", "CONTAINS", "[{'S':'ell'}]")).isTrue();
    assertThat(filter("ss", "CONTAINS", "[{'S':'a'}]")).isTrue();
    assertThat(filter("l", "CONTAINS", "[{'S':'x'}]")).isTrue();
    assertThat(filter("ss", "NOT_CONTAINS", "[{'S':'z'}]")).isTrue();
    assertThat(filter("ss", "NOT_CONTAINS", "[{'S':'a'}]")).isFalse();
    assertThat(filter("s", "BEGINS_WITH", "[{'S':'he'}]")).isTrue();
    assertThat(filter("b", "BEGINS_WITH", "[{'B':'AQ=='}]")).isTrue();
    assertThat(filter("s", "BEGINS_WITH", "[{'S':'lo'}]")).isFalse();
    assertThat(filter("n", "IN", "[{'N':'1'},{'N':'5'}]")).isTrue();
    assertThat(filter("n", "IN", "[{'N':'1'}]")).isFalse();
    assertThat(filter("n", "BETWEEN", "[{'N':'1'},{'N':'5'}]")).isTrue();
    assertThat(filter("n", "BETWEEN", "[{'N':'6'},{'N':'9'}]")).isFalse();
  }

  @Test
  void conditionalOperator() {
    String two = "{'s':{'ComparisonOperator':'EQ','AttributeValueList':[{'S':'hello'}]},"
        + "'n':{'ComparisonOperator':'EQ','AttributeValueList':[{'N':'1'}]}}";
    assertThat(Legacy.filter(json(two), null).test(ITEM)).isFalse();
    assertThat(Legacy.filter(json(two), "AND").test(ITEM)).isFalse();
    assertThat(Legacy.filter(json(two), "OR").test(ITEM)).isTrue();
    assertThatThrownBy(() -> Legacy.filter(json(two), "XOR")).hasMessageContaining("conditionalOperator");
  }

  @Test
  void argumentErrors() {
    assertThatThrownBy(() -> filter("s", "EQ", "[]"))
        .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
    assertThatThrownBy(() -> filter("s", "NULL", "[{'S':'x'}]"))
        .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator");
    assertThatThrownBy(() -> filter("s", "BETWEEN", "[{'N':'1'}]"))
        .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator");
    assertThatThrownBy(() -> filter("s", "IN", "[]"))
        .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the IN ComparisonOperator");
    assertThatThrownBy(() -> filter("s", "LT", "[{'BOOL':true}]"))
        .hasMessage("One or more parameter values were invalid: ComparisonOperator LT is not valid for BOOL AttributeValue type");
    assertThatThrownBy(() -> filter("s", "BEGINS_WITH", "[{'N':'1'}]"))
        .hasMessage("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
    assertThatThrownBy(() -> filter("s", "CONTAINS", "[{'SS':['a']}]"))
        .hasMessage("One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for SS AttributeValue type");
    assertThatThrownBy(() -> filter("n", "BETWEEN", "[{'N':'9'},{'N':'1'}]"))
        .hasMessageContaining("lower bound is greater than the upper bound");
    assertThatThrownBy(() -> filter("n", "BETWEEN", "[{'N':'1'},{'S':'9'}]"))
        .hasMessage("One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
    assertThatThrownBy(() -> filter("n", "LIKE", "[{'N':'1'}]")).hasMessageContaining("comparisonOperator");
  }

  @Test
  void expected() {
    assertThat(Legacy.expected(json("{'s':{'Value':{'S':'hello'}}}"), null).test(ITEM)).isTrue();
    assertThat(Legacy.expected(json("{'s':{'Value':{'S':'hello'},'Exists':true}}"), null).test(ITEM)).isTrue();
    assertThat(Legacy.expected(json("{'s':{'Value':{'S':'other'}}}"), null).test(ITEM)).isFalse();
    assertThat(Legacy.expected(json("{'zz':{'Exists':false}}"), null).test(ITEM)).isTrue();
    assertThat(Legacy.expected(json("{'s':{'Exists':false}}"), null).test(ITEM)).isFalse();
    assertThat(Legacy.expected(json("{'n':{'ComparisonOperator':'GT','AttributeValueList':[{'N':'1'}]}}"), null).test(ITEM)).isTrue();
    assertThat(Legacy.expected(json("{'s':{'Exists':false},'n':{'Value':{'N':'5'}}}"), "OR").test(ITEM)).isTrue();
    assertThat(Legacy.expected(json("{'s':{'Exists':false},'n':{'Value':{'N':'5'}}}"), "AND").test(ITEM)).isFalse();
    assertThat(Legacy.expected(json("{}"), null).test(ITEM)).isTrue();
  }

  @Test
  void expectedErrors() {
    assertThatThrownBy(() -> Legacy.expected(json("{'s':{'Exists':false,'Value':{'S':'x'}}}"), null))
        .hasMessageStartingWith("One or more parameter values were invalid: ");
    assertThatThrownBy(() -> Legacy.expected(json("{'s':{'Exists':true}}"), null))
        .hasMessage("One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: s");
    assertThatThrownBy(() -> Legacy.expected(json("{'s':{}}"), null))
        .hasMessage("One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: s");
    assertThatThrownBy(() -> Legacy.expected(json("{'s':{'Value':{'S':'x'},'ComparisonOperator':'EQ','AttributeValueList':[{'S':'x'}]}}"), null))
        .hasMessageStartingWith("One or more parameter values were invalid: ");
    assertThatThrownBy(() -> Legacy.expected(json("{'s':{'AttributeValueList':[{'S':'x'}]}}"), null))
        .hasMessageStartingWith("One or more parameter values were invalid: ");
  }

  @Test
  void attributeUpdates() {
    Update u = Legacy.attributeUpdates(json("{"
        + "'s':{'Value':{'S':'new'}},"
        + "'n':{'Action':'ADD','Value':{'N':'2'}},"
        + "'ss':{'Action':'DELETE','Value':{'SS':['a']}},"
        + "'t':{'Action':'DELETE'},"
        + "'l':{'Action':'ADD','Value':{'L':[{'S':'y'}]}},"
        + "'c':{'Action':'ADD','Value':{'NS':['1']}},"
        + "'p':{'Action':'PUT','Value':{'N':'1'}}}"));
    assertThat(u.apply(ITEM)).isEqualTo(item("{'s':{'S':'new'},'n':{'N':'7'},'ss':{'SS':['b']},'l':{'L':[{'S':'x'},{'S':'y'}]},"
        + "'b':{'B':'AQID'},'p':{'N':'1'},'c':{'NS':['1']}}"));
    assertThat(u.topLevelNames()).containsExactly("s", "n", "ss", "t", "l", "c", "p");
    // deleting the last member removes the set
    Update last = Legacy.attributeUpdates(json("{'ss':{'Action':'DELETE','Value':{'SS':['a','b']}}}"));
    assertThat(last.apply(ITEM)).doesNotContainKey("ss");
  }

  @Test
  void attributeUpdateErrors() {
    assertThatThrownBy(() -> Legacy.attributeUpdates(json("{'s':{'Action':'PUT'}}")))
        .hasMessageStartingWith("One or more parameter values were invalid: ");
    assertThatThrownBy(() -> Legacy.attributeUpdates(json("{'s':{'Action':'ADD','Value':{'S':'x'}}}")))
        .hasMessage("One or more parameter values were invalid: ADD action is not supported for the type S");
    assertThatThrownBy(() -> Legacy.attributeUpdates(json("{'s':{'Action':'DELETE','Value':{'S':'x'}}}")))
        .hasMessageStartingWith("One or more parameter values were invalid: ");
    Update add = Legacy.attributeUpdates(json("{'s':{'Action':'ADD','Value':{'N':'1'}}}"));
    assertThatThrownBy(() -> add.apply(ITEM))
        .hasMessage("One or more parameter values were invalid: Type mismatch for attribute to update");
  }

  @Test
  void keyConditions() {
    KeyCondition k = Legacy.keyConditions(json("{'pk':{'ComparisonOperator':'EQ','AttributeValueList':[{'S':'a'}]},"
        + "'sk':{'ComparisonOperator':'BETWEEN','AttributeValueList':[{'N':'1'},{'N':'3'}]}}"), "pk", "sk");
    assertThat(k.hashValue()).isEqualTo(AttributeValue.s("a"));
    assertThat(k.range()).isEqualTo(new RangeCondition(RangeCondition.Op.BETWEEN, AttributeValue.n(1), AttributeValue.n(3)));
    KeyCondition prefix = Legacy.keyConditions(json("{'pk':{'ComparisonOperator':'EQ','AttributeValueList':[{'S':'a'}]},"
        + "'sk':{'ComparisonOperator':'BEGINS_WITH','AttributeValueList':[{'S':'x'}]}}"), "pk", "sk");
    assertThat(prefix.range().test(AttributeValue.s("xy"))).isTrue();
    assertThatThrownBy(() -> Legacy.keyConditions(json("{'sk':{'ComparisonOperator':'EQ','AttributeValueList':[{'S':'a'}]}}"), "pk", "sk"))
        .hasMessage("Query condition missed key schema element: pk");
    assertThatThrownBy(() -> Legacy.keyConditions(json("{'pk':{'ComparisonOperator':'NE','AttributeValueList':[{'S':'a'}]}}"), "pk", "sk"))
        .hasMessage("Attempted conditional constraint is not an indexable operation");
    assertThatThrownBy(() -> Legacy.keyConditions(json("{'pk':{'ComparisonOperator':'EQ','AttributeValueList':[]}}"), "pk", "sk"))
        .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
  }
}
