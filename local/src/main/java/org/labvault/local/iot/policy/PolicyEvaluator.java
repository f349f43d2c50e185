package org.labvault.local.iot.policy;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides a request against the policies attached to a principal, as IoT Core does: denied unless
 * a statement allows it, and an explicit Deny wins over every Allow. A statement applies when one
 * of its actions and one of its resources match and every condition holds.
 */
public final class PolicyEvaluator {

  private PolicyEvaluator() {}

  /** What was decided, and why (for the broker's refusal reasons). */
  public enum Decision {
    ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED;

    public boolean allowed() {
      return this == ALLOWED;
    }
  }

  /**
   * One request.
   *
   * @param action e.g. {@code iot:Publish}
   * @param resource the ARN acted on, e.g. {@code arn:aws:iot:us-east-1:000000000000:topic/a/b}
   * @param variables the policy variables ({@link Variables#of})
   */
  public record Request(String action, String resource, Map<String, String> variables) {}

  public static Decision decide(Collection<PolicyDocument> policies, Request request) {
    boolean allowed = false;
    for (PolicyDocument policy : policies) {
      for (PolicyDocument.Statement statement : policy.statements()) {
        if (applies(statement, request)) {
          if (statement.effect() == PolicyDocument.Effect.DENY) {
            return Decision.EXPLICITLY_DENIED;
          }
          allowed = true;
        }
      }
    }
    return allowed ? Decision.ALLOWED : Decision.IMPLICITLY_DENIED;
  }

  private static boolean applies(PolicyDocument.Statement statement, Request request) {
    boolean action = statement.actions().stream().anyMatch(a -> wildcard(a, true).matcher(request.action()).matches());
    if (!action) {
      return false;
    }
    boolean resource = statement.resources().stream()
        .anyMatch(r -> matches(r.resolve(request.variables(), true, false), request.resource()));
    return resource && statement.conditions().stream().allMatch(c -> holds(c, request.variables()));
  }

  private static boolean holds(PolicyDocument.Condition condition, Map<String, String> variables) {
    String value = variables.get(condition.key());
    boolean negated = condition.operator().contains("Not");
    if (value == null) {
      return negated; // IAM's rule: a missing key matches only the negated operators
    }
    boolean like = condition.operator().endsWith("Like");
    boolean bool = condition.operator().equals("Bool");
    boolean any = condition.values().stream()
        .anyMatch(v -> matches(v.resolve(variables, like, bool), value));
    return negated != any;
  }

  private static boolean matches(Optional<Pattern> pattern, String value) {
    return pattern.map(p -> p.matcher(value).matches()).orElse(false);
  }

  private static Pattern wildcard(String text, boolean ignoreCase) {
    return ArnPattern.of(text, "Action").resolve(Map.of(), true, ignoreCase).orElseThrow();
  }
}
