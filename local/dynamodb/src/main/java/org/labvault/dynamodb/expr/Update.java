package org.labvault.dynamodb.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.Numbers;

/** A parsed update: SET, REMOVE, ADD and DELETE actions (or the legacy AttributeUpdates translated onto them). */
public final class Update {

  sealed interface Action permits Set, Remove, Add, Delete {
    Path path();
  }

  record Set(Path path, Ast.Operand value) implements Action {}

  record Remove(Path path) implements Action {}

  /** ADD; the legacy form also appends lists and has its own type-mismatch message. */
  record Add(Path path, AttributeValue value, boolean legacy) implements Action {}

  /** DELETE; the legacy form without a value removes the attribute. */
  record Delete(Path path, AttributeValue value, boolean legacy) implements Action {}

  private final List<Action> actions;

  Update(List<Action> actions) {
    this.actions = List.copyOf(actions);
  }

  /** Applies the update to a copy of the item (the input is left untouched) and returns the copy. */
  public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
    // every SET operand reads the item as it was before the update
    List<AttributeValue> setValues = new ArrayList<>();
    for (Action a : actions) {
      if (a instanceof Set s) {
        setValues.add(Eval.updateValue(s.value(), item));
      }
    }
    AttributeValue.M doc = new AttributeValue.M(item);
    int next = 0;
    for (Action a : actions) {
      if (a instanceof Set s) {
        doc = (AttributeValue.M) put(doc, s.path().elements(), 0, setValues.get(next++));
      }
    }
    List<Remove> removes = new ArrayList<>();
    for (Action a : actions) {
      if (a instanceof Remove r) {
        removes.add(r);
      } else if (a instanceof Delete d && d.value() == null) {
        removes.add(new Remove(d.path()));
      }
    }
    // later list elements first, so earlier indexes still name the element they named in the expression
    removes.sort(Comparator.comparing(Remove::path, Update::comparePaths));
    for (Remove r : removes) {
      doc = (AttributeValue.M) remove(doc, r.path().elements(), 0);
    }
    for (Action a : actions) {
      if (a instanceof Add add) {
        doc = add(doc, add);
      } else if (a instanceof Delete d && d.value() != null) {
        doc = delete(doc, d);
      }
    }
    return new LinkedHashMap<>(doc.values());
  }

  /** Top-level attributes the update writes or removes. */
  public java.util.Set<String> topLevelNames() {
    java.util.Set<String> names = new LinkedHashSet<>();
    for (Action a : actions) {
      names.add(a.path().attribute());
    }
    return names;
  }

  /** Every path the update writes or removes, in expression order. */
  public List<Path> updatedPaths() {
    List<Path> paths = new ArrayList<>();
    for (Action a : actions) {
      paths.add(a.path());
    }
    return paths;
  }

  private static int comparePaths(Path a, Path b) {
    List<Object> x = a.elements();
    List<Object> y = b.elements();
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      Object p = x.get(i);
      Object q = y.get(i);
      int c;
      if (p instanceof Integer i1 && q instanceof Integer i2) {
        c = Integer.compare(i2, i1);
      } else if (p instanceof String s1 && q instanceof String s2) {
        c = s1.compareTo(s2);
      } else {
        c = p instanceof String ? -1 : 1;
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  // ---------------------------------------------------------------- copy-on-write document edits

  private static AttributeValue put(AttributeValue current, List<Object> path, int i, AttributeValue value) {
    Object element = path.get(i);
    boolean last = i == path.size() - 1;
    if (element instanceof String key) {
      if (!(current instanceof AttributeValue.M m)) {
        throw Errors.invalidUpdatePath();
      }
      LinkedHashMap<String, AttributeValue> copy = new LinkedHashMap<>(m.values());
      if (last) {
        copy.put(key, value);
      } else {
        AttributeValue child = copy.get(key);
        if (child == null) {
          throw Errors.invalidUpdatePath();
        }
        copy.put(key, put(child, path, i + 1, value));
      }
      return new AttributeValue.M(copy);
    }
    int index = (Integer) element;
    if (!(current instanceof AttributeValue.L l)) {
      throw Errors.invalidUpdatePath();
    }
    List<AttributeValue> copy = new ArrayList<>(l.values());
    if (last) {
      if (index >= copy.size()) {
        copy.add(value);
      } else {
        copy.set(index, value);
      }
    } else {
      if (index >= copy.size()) {
        throw Errors.invalidUpdatePath();
      }
      copy.set(index, put(copy.get(index), path, i + 1, value));
    }
    return new AttributeValue.L(copy);
  }

  private static AttributeValue remove(AttributeValue current, List<Object> path, int i) {
    Object element = path.get(i);
    boolean last = i == path.size() - 1;
    if (element instanceof String key) {
      if (!(current instanceof AttributeValue.M m)) {
        throw Errors.invalidUpdatePath();
      }
      AttributeValue child = m.values().get(key);
      if (child == null) {
        if (last) {
          return current;
        }
        throw Errors.invalidUpdatePath();
      }
      LinkedHashMap<String, AttributeValue> copy = new LinkedHashMap<>(m.values());
      if (last) {
        copy.remove(key);
      } else {
        copy.put(key, remove(child, path, i + 1));
      }
      return new AttributeValue.M(copy);
    }
    int index = (Integer) element;
    if (!(current instanceof AttributeValue.L l)) {
      throw Errors.invalidUpdatePath();
    }
    if (index >= l.values().size()) {
      if (last) {
        return current;
      }
      throw Errors.invalidUpdatePath();
    }
    List<AttributeValue> copy = new ArrayList<>(l.values());
    if (last) {
      copy.remove(index);
    } else {
      copy.set(index, remove(copy.get(index), path, i + 1));
    }
    return new AttributeValue.L(copy);
  }

  private static AttributeValue.M add(AttributeValue.M doc, Add add) {
    AttributeValue existing = add.path().resolve(doc.values()).orElse(null);
    AttributeValue value = add.value();
    AttributeValue result;
    if (existing == null) {
      result = value;
    } else if (existing instanceof AttributeValue.N x && value instanceof AttributeValue.N y) {
      result = new AttributeValue.N(Numbers.add(x.value(), y.value()));
    } else if (add.legacy() && existing instanceof AttributeValue.L x && value instanceof AttributeValue.L y) {
      List<AttributeValue> all = new ArrayList<>(x.values());
      all.addAll(y.values());
      result = new AttributeValue.L(all);
    } else {
      result = Eval.union(existing, value);
      if (result == null) {
        throw add.legacy()
            ? DynamoDbException.invalidParameter("Type mismatch for attribute to update")
            : Errors.incorrectDataType();
      }
    }
    return (AttributeValue.M) put(doc, add.path().elements(), 0, result);
  }

  private static AttributeValue.M delete(AttributeValue.M doc, Delete delete) {
    AttributeValue existing = delete.path().resolve(doc.values()).orElse(null);
    if (existing == null) {
      return doc;
    }
    AttributeValue rest;
    try {
      rest = Eval.difference(existing, delete.value());
    } catch (DynamoDbException e) {
      if (delete.legacy()) {
        throw DynamoDbException.invalidParameter("Type mismatch for attribute to update");
      }
      throw e;
    }
    return rest == null
        ? (AttributeValue.M) remove(doc, delete.path().elements(), 0)
        : (AttributeValue.M) put(doc, delete.path().elements(), 0, rest);
  }
}
