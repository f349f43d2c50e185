package org.labvault.dynamodb.expr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.labvault.dynamodb.value.AttributeValue;

/** A condition backed by the syntax tree. */
final class ParsedCondition implements Condition {

  private final Ast.Cond root;
  private final Set<String> names;

  ParsedCondition(Ast.Cond root) {
    this.root = root;
    Set<String> collected = new LinkedHashSet<>();
    Eval.collectNames(root, collected);
    this.names = Collections.unmodifiableSet(collected);
  }

  Ast.Cond root() {
    return root;
  }

  @Override
  public boolean test(Map<String, AttributeValue> item) {
    return Eval.test(root, item);
  }

  @Override
  public Set<String> topLevelNames() {
    return names;
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
