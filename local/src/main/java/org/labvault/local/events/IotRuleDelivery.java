package org.labvault.local.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.labvault.local.iot.BrokerPolicy;
import org.labvault.local.iot.rules.RuleQuery;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.EventSource;
import org.labvault.shared.json.Json;

/**
 * The template's IoT rules: every PUBLISH the broker accepted is evaluated against each rule's SQL;
 * a selected message invokes the rule's function asynchronously, through the {@link AsyncInvoker}
 * (so the function's retries and on-failure destination apply), with the SELECT's JSON as the
 * event. The broker's thread only evaluates the SQL and queues the invocation.
 */
public final class IotRuleDelivery implements Consumer<BrokerPolicy.Inbound> {

  /** A rule with its parsed SQL and the function it invokes. */
  public record Target(EventSource.IotRule rule, RuleQuery query, FunctionHost function) {

    public static Target of(EventSource.IotRule rule, FunctionHost function) {
      return new Target(rule, RuleQuery.parse(rule.sql(), rule.awsIotSqlVersion()), function);
    }
  }

  private final List<Target> targets;
  private final AsyncInvoker invoker;
  private final Clock clock;

  public IotRuleDelivery(List<Target> targets, AsyncInvoker invoker, Clock clock) {
    this.targets = List.copyOf(targets);
    this.invoker = invoker;
    this.clock = clock;
  }

  @Override
  public void accept(BrokerPolicy.Inbound inbound) {
    RuleQuery.Message message =
        new RuleQuery.Message(inbound.clientId(), inbound.topic(), inbound.payload(), clock.millis());
    for (Target target : targets) {
      String what = "the IoT rule " + target.rule().ruleName() + " on " + inbound.topic();
      try {
        switch (target.query().evaluate(message)) {
          case RuleQuery.Outcome.Matched(var event) ->
              invoker.invoke(target.function(), Json.instance().write(event).getBytes(StandardCharsets.UTF_8), what);
          case RuleQuery.Outcome.Unusable(String reason) ->
              System.err.println("LabVault local stack: " + what + " from " + inbound.clientId()
                  + " does not invoke " + target.function().function().logicalId() + ": " + reason);
          case RuleQuery.Outcome.NotSelected() -> {
            // not this rule's message
          }
        }
      } catch (RuntimeException e) { // never let one rule break the broker's delivery
        System.err.println("LabVault local stack: " + what + " failed: " + e);
      }
    }
  }
}
