package org.labvault.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions against the local stack's resources. Supported:
 * Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If with Fn::Equals/Not/And/Or and
 * conditions, and the dynamic references ({@code {{resolve:...}}}) in any string they produce, as
 * CloudFormation resolves them after the functions. Anything else is an error that names the
 * function and where it stands.
 */
final class Intrinsics {

  /** What resources resolve to locally. */
  interface Resources {
    Object ref(String logicalId, String where);

    Object getAtt(String logicalId, String attribute, String where);

    /**
     * Whether {@code name} is a SAM referable property such as {@code Fn.Alias}: in Fn::Sub,
     * {@code ${Fn.Alias}} is a Ref to it, not a GetAtt.
     */
    default boolean referableProperty(String name) {
      return false;
    }

    /** The value of {@code {{resolve:<reference>}}}. */
    String dynamicReference(String reference, String where);
  }

  /** {@code Ref: AWS::NoValue}: the property or list element disappears. */
  static final Object NO_VALUE = new Object();

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:([^{}]*)}}");

  private final Map<String, Object> parameters;
  private final Map<String, Object> conditions;
  private final Resources resources;
  private final Map<String, Boolean> evaluatedConditions = new LinkedHashMap<>();

  Intrinsics(Map<String, Object> parameters, Map<String, Object> conditions, Resources resources) {
    this.parameters = parameters;
    this.conditions = conditions;
    this.resources = resources;
  }

  /** Resolves every intrinsic in {@code value}; {@code where} names the place for errors. */
  @SuppressWarnings("unchecked")
  Object resolve(Object value, String where) {
    if (value instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        String key = String.valueOf(map.keySet().iterator().next());
        if (key.equals("Ref") || key.startsWith("Fn::")) {
          Object result = function(key, map.get(key), where);
          return result instanceof String s ? dynamicReferences(s, where) : result;
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (var e : ((Map<String, Object>) map).entrySet()) {
        Object v = resolve(e.getValue(), where + "." + e.getKey());
        if (v != NO_VALUE) {
          out.put(e.getKey(), v);
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object v = resolve(list.get(i), where + "[" + i + "]");
        if (v != NO_VALUE) {
          out.add(v);
        }
      }
      return out;
    }
    return value instanceof String s ? dynamicReferences(s, where) : value;
  }

  private String dynamicReferences(String text, String where) {
    if (!text.contains("{{resolve:")) {
      return text;
    }
    Matcher m = DYNAMIC_REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(resources.dynamicReference(m.group(1), where)));
    }
    m.appendTail(out);
    return out.toString();
  }

  String resolveString(Object value, String where) {
    Object v = resolve(value, where);
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw new TemplateException(where + " must resolve to a string, not " + v);
  }

  /** Evaluates the named condition of the template's Conditions section. */
  boolean condition(String name, String where) {
    Boolean known = evaluatedConditions.get(name);
    if (known != null) {
      return known;
    }
    if (!conditions.containsKey(name)) {
      throw new TemplateException(where + " names an unknown condition " + name);
    }
    boolean value = truth(conditions.get(name), "Conditions." + name);
    evaluatedConditions.put(name, value);
    return value;
  }

  private Object function(String name, Object arg, String where) {
    String at = where + " (" + name + ")";
    return switch (name) {
      case "Ref" -> ref(string(arg, at), at);
      case "Fn::GetAtt" -> getAtt(arg, at);
      case "Fn::Sub" -> sub(arg, at);
      case "Fn::Join" -> join(arg, at);
      case "Fn::Select" -> select(arg, at);
      case "Fn::Split" -> split(arg, at);
      case "Fn::If" -> ifThen(arg, at);
      case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> truth(Map.of(name, arg), at);
      default -> throw new TemplateException(at + ": " + name + " is not supported by the local stack");
    };
  }

  private Object ref(String name, String where) {
    if (name.equals("AWS::NoValue")) {
      return NO_VALUE;
    }
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    return resources.ref(name, where);
  }

  private Object getAtt(Object arg, String where) {
    List<?> parts = list(resolve(arg, where), where);
    if (parts.size() != 2) {
      throw new TemplateException(where + " takes [LogicalId, Attribute]");
    }
    return resources.getAtt(string(parts.get(0), where), string(parts.get(1), where), where);
  }

  private String sub(Object arg, String where) {
    String text;
    Map<String, Object> variables = Map.of();
    if (arg instanceof List<?> l) {
      if (l.size() != 2 || !(l.get(1) instanceof Map<?, ?>)) {
        throw new TemplateException(where + " takes a string or [string, {variables}]");
      }
      text = string(l.get(0), where);
      @SuppressWarnings("unchecked")
      Map<String, Object> vars = (Map<String, Object>) l.get(1);
      variables = vars;
    } else {
      text = string(arg, where);
    }
    Matcher m = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String expr = m.group(1);
      String replacement;
      if (expr.startsWith("!")) {
        replacement = "${" + expr.substring(1) + "}";
      } else if (variables.containsKey(expr)) {
        replacement = resolveString(variables.get(expr), where + "." + expr);
      } else if (resources.referableProperty(expr)) {
        replacement = String.valueOf(ref(expr, where));
      } else if (expr.contains(".") && !expr.startsWith("AWS::")) {
        int dot = expr.indexOf('.');
        replacement =
            String.valueOf(resources.getAtt(expr.substring(0, dot), expr.substring(dot + 1), where));
      } else {
        Object v = ref(expr, where);
        if (v == NO_VALUE) {
          throw new TemplateException(where + " substitutes AWS::NoValue");
        }
        replacement = String.valueOf(v);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String join(Object arg, String where) {
    List<?> l = list(arg, where);
    if (l.size() != 2) {
      throw new TemplateException(where + " takes [delimiter, [values]]");
    }
    String delimiter = string(l.get(0), where);
    List<String> values = new ArrayList<>();
    for (Object v : list(resolve(l.get(1), where), where)) {
      values.add(resolveString(v, where));
    }
    return String.join(delimiter, values);
  }

  private Object select(Object arg, String where) {
    List<?> l = list(arg, where);
    if (l.size() != 2) {
      throw new TemplateException(where + " takes [index, [values]]");
    }
    int index = Integer.parseInt(resolveString(l.get(0), where));
    List<?> values = list(resolve(l.get(1), where), where);
    if (index < 0 || index >= values.size()) {
      throw new TemplateException(where + " index " + index + " is out of range");
    }
    return values.get(index);
  }

  private List<String> split(Object arg, String where) {
    List<?> l = list(arg, where);
    if (l.size() != 2) {
      throw new TemplateException(where + " takes [delimiter, string]");
    }
    return List.of(resolveString(l.get(1), where).split(Pattern.quote(string(l.get(0), where)), -1));
  }

  private Object ifThen(Object arg, String where) {
    List<?> l = list(arg, where);
    if (l.size() != 3) {
      throw new TemplateException(where + " takes [condition, then, else]");
    }
    return condition(string(l.get(0), where), where) ? resolve(l.get(1), where) : resolve(l.get(2), where);
  }

  private boolean truth(Object expr, String where) {
    if (expr instanceof Boolean b) {
      return b;
    }
    if (!(expr instanceof Map<?, ?> map) || map.size() != 1) {
      throw new TemplateException(where + " is not a condition");
    }
    String fn = String.valueOf(map.keySet().iterator().next());
    Object arg = map.get(fn);
    return switch (fn) {
      case "Condition" -> condition(string(arg, where), where);
      case "Fn::Equals" -> {
        List<?> l = list(arg, where);
        yield l.size() == 2 && resolveString(l.get(0), where).equals(resolveString(l.get(1), where));
      }
      case "Fn::Not" -> !truth(list(arg, where).get(0), where);
      case "Fn::And" -> list(arg, where).stream().allMatch(c -> truth(c, where));
      case "Fn::Or" -> list(arg, where).stream().anyMatch(c -> truth(c, where));
      default -> throw new TemplateException(where + ": " + fn + " is not supported in conditions locally");
    };
  }

  private static String string(Object v, String where) {
    if (v instanceof String s) {
      return s;
    }
    throw new TemplateException(where + " expects a string, found " + v);
  }

  private static List<?> list(Object v, String where) {
    if (v instanceof List<?> l) {
      return l;
    }
    throw new TemplateException(where + " expects a list, found " + v);
  }
}
