package org.labvault.dynamodb.partiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.value.AttributeValue;

/** The statement parser: literals, names, parameters and its errors. */
class ParserTest {

  @Test
  void stringsEscapeTheirQuote_namesTheirDoubleQuote_andKeywordsIgnoreCase() {
    Ast.Statement s = Parser.parse("insert into \"my \"\"table\"\" \" value {'it''s': 'don''t', \"k\": -1.5e2}", null);
    Ast.Insert insert = (Ast.Insert) s;
    assertThat(insert.table()).isEqualTo("my \"table\" ");
    assertThat(insert.item().values()).containsEntry("it's", AttributeValue.s("don't"))
        .containsEntry("k", AttributeValue.n("-150"));
  }

  @Test
  void parametersBindInOrder_anywhereAValueGoes() {
    Ast.Select s = (Ast.Select) Parser.parse("SELECT * FROM t WHERE a = ? AND b IN [?, 'x'] -- a comment\n",
        List.of(AttributeValue.s("one"), AttributeValue.n(2)));
    assertThat(s.where()).isEqualTo(new Ast.And(
        new Ast.Compare("=", new Ast.PathRef(List.of("a")), new Ast.Literal(AttributeValue.s("one"))),
        new Ast.In(new Ast.PathRef(List.of("b")),
            List.of(new Ast.Literal(AttributeValue.n(2)), new Ast.Literal(AttributeValue.s("x"))))));
  }

  @Test
  void pathsMixNamesAndIndexes() {
    Ast.Select s = (Ast.Select) Parser.parse("SELECT a.\"b c\"[3].d FROM t.idx", null);
    assertThat(s.projection()).containsExactly(new Ast.PathRef(List.of("a", "b c", 3, "d")));
    assertThat(s.projection().get(0).outputName()).isEqualTo("d");
    assertThat(s.index()).isEqualTo("idx");
  }

  @Test
  void updateActionsAndReturning() {
    Ast.Update u = (Ast.Update) Parser.parse("UPDATE t SET a = a + 1, b = 'x' REMOVE c SET d = list_append(d, [1])"
        + " WHERE k = 1 RETURNING MODIFIED NEW *", null);
    assertThat(u.actions()).hasSize(4);
    assertThat(u.returning()).isEqualTo("UPDATED_NEW");
    Translation tr = new Translation();
    assertThat(tr.update(u.actions())).isEqualTo("SET #n0 = #n0 + :v0, #n1 = :v1, #n3 = list_append(#n3, :v2) REMOVE #n2");
  }

  @Test
  void setsHoldOneType() {
    Ast.Insert i = (Ast.Insert) Parser.parse("INSERT INTO t VALUE {'k': 'a', 's': <<'x', 'y'>>, 'n': <<1, 2>>}", null);
    assertThat(i.item().values().get("s")).isInstanceOf(AttributeValue.SS.class);
    assertThat(i.item().values().get("n")).isInstanceOf(AttributeValue.NS.class);
    assertThatThrownBy(() -> Parser.parse("INSERT INTO t VALUE {'s': <<'x', 1>>}", null))
        .isInstanceOf(DynamoDbException.class);
    assertThatThrownBy(() -> Parser.parse("INSERT INTO t VALUE {'s': <<>>}", null))
        .isInstanceOf(DynamoDbException.class);
  }

  @Test
  void errorsAreValidationErrors() {
    for (String bad : List.of("SELECTT * FROM t", "SELECT * FROM", "SELECT * FROM t WHERE", "SELECT * FROM t WHERE a =",
        "INSERT INTO t VALUE {'a': 1", "SELECT * FROM 't'", "DELETE FROM t", "UPDATE t WHERE a = 1",
        "SELECT * FROM t WHERE a = 'unterminated", "SELECT * FROM t extra", "INSERT INTO t VALUE 'x'")) {
      assertThatThrownBy(() -> Parser.parse(bad, null)).as(bad).isInstanceOfSatisfying(DynamoDbException.class,
          e -> assertThat(e.type()).isEqualTo("ValidationException"));
    }
    assertThatThrownBy(() -> Parser.parse("SELECT * FROM t WHERE a = ?", List.of()))
        .hasMessage("Number of parameters in request and statement don't match.");
    assertThatThrownBy(() -> Parser.parse("SELECT * FROM t", List.of(AttributeValue.s("x"))))
        .hasMessage("Number of parameters in request and statement don't match.");
  }

  @Test
  void keyEqualitiesSplitFromTheRest() {
    Ast.Select s = (Ast.Select) Parser.parse("SELECT * FROM t WHERE 'v' = pk AND x > 1 AND sk = 2", null);
    Translation.KeySplit split = Translation.split(s.where());
    assertThat(split.equalities()).isEqualTo(Map.of("pk", AttributeValue.s("v"), "sk", AttributeValue.n(2)));
    assertThat(split.rest()).hasSize(1);
  }
}
