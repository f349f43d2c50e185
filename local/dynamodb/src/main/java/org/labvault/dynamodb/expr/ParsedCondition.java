package org.labvault.dynamodb.expr;

import java.util.Map;
import org.labvault.dynamodb.value.AttributeValue;

/** A condition backed by the syntax tree. */
final class ParsedCondition implements Condition {

  private final Ast.Cond root;

  ParsedCondition(Ast.Cond root) {
    this.root = root;
  }

  Ast.Cond root() {
    return root;
  }

  @Override
  public boolean test(Map<String, AttributeValue> item) {
    return Eval.test(root, item);
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
