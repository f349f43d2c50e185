package org.labvault.dynamodb.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDbException;

class ViolationsTest {

  @Test
  void nothingFoundThrowsNothing() {
    Violations v = new Violations();
    v.notNull("x", "tableName");
    v.tableName("orders", "tableName");
    v.oneOf(null, "select", "A");
    v.throwIfAny();
    assertThat(v.isEmpty()).isTrue();
    assertThat(v.message()).isNull();
  }

  @Test
  void oneViolation() {
    Violations v = new Violations();
    v.notNull(null, "tableName");
    assertThatThrownBy(v::throwIfAny).isInstanceOf(DynamoDbException.class)
        .hasMessage("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null")
        .extracting(e -> ((DynamoDbException) e).type()).isEqualTo("ValidationException");
  }

  @Test
  void severalInOrder() {
    Violations v = new Violations();
    v.oneOf("BOTH", "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
    v.range(0, "limit", 1, Integer.MAX_VALUE);
    v.length("", "requestItems", 1, 100);
    assertThat(v.count()).isEqualTo(3);
    assertThat(v.message()).isEqualTo("3 validation errors detected: "
        + "Value 'BOTH' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
        + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; "
        + "Value '' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }

  @Test
  void tableNameOrArn() {
    Violations v = new Violations();
    v.tableNameOrArn("", "tableName");
    v.tableNameOrArn("a".repeat(256), "tableName");
    v.tableNameOrArn("arn:aws:dynamodb:eu-west-1:1:table/x", "tableName");
    v.tableNameOrArn("ab", "tableName");
    assertThat(v.messages()).containsExactly(
        "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "Value '" + "a".repeat(256) + "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255");
  }

  @Test
  void emptyNameReportsOnlyItsLength() {
    Violations v = new Violations();
    v.tableName("", "tableName");
    assertThat(v.message()).isEqualTo(
        "1 validation error detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3");
  }

  @Test
  void rendering() throws Exception {
    ObjectMapper m = new ObjectMapper();
    assertThat(Violations.render(m.readTree("[\"a\",1,true]"))).isEqualTo("[a, 1, true]");
    assertThat(Violations.render(m.readTree("{\"t\":[{\"k\":\"v\"}]}"))).isEqualTo("{t=[{k=v}]}");
    assertThat(Violations.render(null)).isNull();
    assertThat(Violations.renderStructures("KeySchemaElement", m.readTree("[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]")))
        .isEqualTo("[KeySchemaElement(attributeName=pk, keyType=HASH)]");
    Violations v = new Violations();
    v.size(m.readTree("[]"), "transactItems", 1, 100);
    v.addWithoutValue("Limit", "Member must have value greater than or equal to 1");
    v.add(null, "key", "Member must not be null");
    assertThat(v.messages()).containsExactly(
        "Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
        "Value null at 'key' failed to satisfy constraint: Member must not be null");
  }
}
