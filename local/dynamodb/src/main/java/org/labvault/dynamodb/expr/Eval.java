package org.labvault.dynamodb.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labvault.dynamodb.expr.Ast.Cond;
import org.labvault.dynamodb.expr.Ast.Operand;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.Numbers;

/** The one evaluator of conditions and operands. */
final class Eval {

  private Eval() {}

  static boolean test(Cond c, Map<String, AttributeValue> item) {
    return switch (c) {
      case Ast.And a -> test(a.left(), item) && test(a.right(), item);
      case Ast.Or o -> test(o.left(), item) || test(o.right(), item);
      case Ast.Not n -> !test(n.inner(), item);
      case Ast.Paren p -> test(p.inner(), item);
      case Ast.Compare cmp -> compare(cmp.op(), operand(cmp.left(), item), operand(cmp.right(), item));
      case Ast.Between b -> between(operand(b.operand(), item), operand(b.lower(), item), operand(b.upper(), item));
      case Ast.In in -> {
        AttributeValue v = operand(in.operand(), item);
        if (v == null) {
          yield false;
        }
        for (Operand candidate : in.candidates()) {
          if (v.equals(operand(candidate, item))) {
            yield true;
          }
        }
        yield false;
      }
      case Ast.Exists e -> e.path().resolve(item).isPresent() == e.exists();
      case Ast.TypeIs t -> {
        AttributeValue v = t.path().resolve(item).orElse(null);
        AttributeValue type = operand(t.type(), item);
        yield v != null && type instanceof AttributeValue.S s && v.type().equals(s.value());
      }
      case Ast.BeginsWith bw -> beginsWith(operand(bw.operand(), item), operand(bw.prefix(), item));
      case Ast.Contains ct -> contains(operand(ct.operand(), item), operand(ct.part(), item));
    };
  }

  /** The value of a condition operand, or null when there is none (missing attribute, size of a number). */
  static AttributeValue operand(Operand o, Map<String, AttributeValue> item) {
    return switch (o) {
      case Ast.PathOp p -> p.path().resolve(item).orElse(null);
      case Ast.ValueOp v -> v.value();
      case Ast.SizeOp s -> {
        AttributeValue v = s.path().resolve(item).orElse(null);
        Integer size = v == null ? null : size(v);
        yield size == null ? null : new AttributeValue.N(BigDecimal.valueOf(size));
      }
      default -> throw new IllegalStateException("not a condition operand: " + o);
    };
  }

  static Integer size(AttributeValue v) {
    return switch (v) {
      case AttributeValue.S s -> s.value().codePointCount(0, s.value().length());
      case AttributeValue.B b -> b.value().length();
      case AttributeValue.SS ss -> ss.values().size();
      case AttributeValue.NS ns -> ns.values().size();
      case AttributeValue.BS bs -> bs.values().size();
      case AttributeValue.L l -> l.values().size();
      case AttributeValue.M m -> m.values().size();
      default -> null;
    };
  }

  static boolean compare(Ast.CompareOp op, AttributeValue a, AttributeValue b) {
    if (op == Ast.CompareOp.EQ) {
      return a != null && a.equals(b);
    }
    if (op == Ast.CompareOp.NE) {
      return a == null || !a.equals(b);
    }
    Integer c = compare(a, b);
    if (c == null) {
      return false;
    }
    return switch (op) {
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> false;
    };
  }

  /** The order of two values of the same scalar type (S, N, B), or null when they cannot be ordered. */
  static Integer compare(AttributeValue a, AttributeValue b) {
    if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
      return Integer.signum(compareCodePoints(x.value(), y.value()));
    }
    if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
      return Integer.signum(x.value().compareTo(y.value()));
    }
    if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
      return Integer.signum(x.value().compareTo(y.value()));
    }
    return null;
  }

  /** Strings order by code point, which is the order of their UTF-8 bytes. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  static boolean between(AttributeValue v, AttributeValue lower, AttributeValue upper) {
    Integer lo = compare(v, lower);
    Integer hi = compare(v, upper);
    return lo != null && hi != null && lo >= 0 && hi <= 0;
  }

  static boolean beginsWith(AttributeValue v, AttributeValue prefix) {
    if (v instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
      return s.value().startsWith(p.value());
    }
    if (v instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
      return b.value().startsWith(p.value());
    }
    return false;
  }

  static boolean contains(AttributeValue v, AttributeValue part) {
    if (v == null || part == null) {
      return false;
    }
    return switch (v) {
      case AttributeValue.S s -> part instanceof AttributeValue.S p && s.value().contains(p.value());
      case AttributeValue.B b -> part instanceof AttributeValue.B p && b.value().contains(p.value());
      case AttributeValue.SS ss -> part instanceof AttributeValue.S p && ss.values().contains(p.value());
      case AttributeValue.NS ns -> part instanceof AttributeValue.N p && ns.values().contains(p.value());
      case AttributeValue.BS bs -> part instanceof AttributeValue.B p && bs.values().contains(p.value());
      case AttributeValue.L l -> l.values().contains(part);
      default -> false;
    };
  }

  // ---------------------------------------------------------------- update values

  /** The value an update operand computes from the item as it was before the update. */
  static AttributeValue updateValue(Operand o, Map<String, AttributeValue> item) {
    return switch (o) {
      case Ast.ValueOp v -> v.value();
      case Ast.PathOp p -> p.path().resolve(item).orElseThrow(Errors::missingAttribute);
      case Ast.IfNotExists i -> {
        AttributeValue existing = i.path().resolve(item).orElse(null);
        yield existing != null ? existing : updateValue(i.fallback(), item);
      }
      case Ast.Arith a -> {
        AttributeValue l = updateValue(a.left(), item);
        AttributeValue r = updateValue(a.right(), item);
        if (!(l instanceof AttributeValue.N x) || !(r instanceof AttributeValue.N y)) {
          throw Errors.incorrectDataType();
        }
        yield new AttributeValue.N(a.plus() ? Numbers.add(x.value(), y.value()) : Numbers.subtract(x.value(), y.value()));
      }
      case Ast.ListAppend la -> {
        AttributeValue l = updateValue(la.first(), item);
        AttributeValue r = updateValue(la.second(), item);
        if (!(l instanceof AttributeValue.L x) || !(r instanceof AttributeValue.L y)) {
          throw Errors.incorrectDataType();
        }
        List<AttributeValue> all = new ArrayList<>(x.values());
        all.addAll(y.values());
        yield new AttributeValue.L(all);
      }
      default -> throw new IllegalStateException("not an update operand: " + o);
    };
  }

  /** Set union for ADD; null when the types do not match. */
  static AttributeValue union(AttributeValue a, AttributeValue b) {
    if (a instanceof AttributeValue.SS x && b instanceof AttributeValue.SS y) {
      Set<String> all = new java.util.LinkedHashSet<>(x.values());
      all.addAll(y.values());
      return new AttributeValue.SS(all);
    }
    if (a instanceof AttributeValue.NS x && b instanceof AttributeValue.NS y) {
      Set<BigDecimal> all = new java.util.LinkedHashSet<>(x.values());
      all.addAll(y.values());
      return new AttributeValue.NS(all);
    }
    if (a instanceof AttributeValue.BS x && b instanceof AttributeValue.BS y) {
      Set<org.labvault.dynamodb.value.Bytes> all = new java.util.LinkedHashSet<>(x.values());
      all.addAll(y.values());
      return new AttributeValue.BS(all);
    }
    return null;
  }

  /** Set difference for DELETE: the remaining set, or null when nothing remains; mismatched types are an error. */
  static AttributeValue difference(AttributeValue a, AttributeValue b) {
    if (a instanceof AttributeValue.SS x && b instanceof AttributeValue.SS y) {
      Set<String> rest = new java.util.LinkedHashSet<>(x.values());
      rest.removeAll(y.values());
      return rest.isEmpty() ? null : new AttributeValue.SS(rest);
    }
    if (a instanceof AttributeValue.NS x && b instanceof AttributeValue.NS y) {
      Set<BigDecimal> rest = new java.util.LinkedHashSet<>(x.values());
      rest.removeAll(new HashSet<>(y.values()));
      return rest.isEmpty() ? null : new AttributeValue.NS(rest);
    }
    if (a instanceof AttributeValue.BS x && b instanceof AttributeValue.BS y) {
      Set<org.labvault.dynamodb.value.Bytes> rest = new java.util.LinkedHashSet<>(x.values());
      rest.removeAll(y.values());
      return rest.isEmpty() ? null : new AttributeValue.BS(rest);
    }
    throw Errors.incorrectDataType();
  }
}
