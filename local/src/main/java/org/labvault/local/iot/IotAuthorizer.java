package org.labvault.local.iot;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.labvault.local.iot.policy.PolicyDocument;
import org.labvault.local.iot.policy.PolicyEvaluator;
import org.labvault.local.iot.policy.PolicyEvaluator.Decision;
import org.labvault.local.iot.policy.Variables;

/**
 * What a certificate may do on the broker: the registry says whether it is ACTIVE and which thing
 * and policies are attached to it; the template's policies (by name) say the rest, evaluated as IoT
 * Core evaluates them ({@link PolicyEvaluator}). Policies are looked up at every request, so an
 * AttachPolicy or DetachPolicy applies to the next one.
 */
public final class IotAuthorizer {

  private final IotRegistry registry;
  private final Map<String, PolicyDocument> policies;
  private final String arnPrefix;

  /**
   * @param policies the policy documents by policy name (the template's AWS::IoT::Policy resources)
   */
  public IotAuthorizer(IotRegistry registry, Map<String, PolicyDocument> policies, String region, String accountId) {
    this.registry = registry;
    this.policies = Map.copyOf(policies);
    this.arnPrefix = "arn:aws:iot:" + region + ":" + accountId + ":";
  }

  /**
   * Whether a CONNECT with {@code clientId} and the certificate may go ahead.
   *
   * @return null when it may, else why not
   */
  public String connectRefusal(String certificateId, String clientId) {
    IotRegistry.Certificate certificate = registry.certificate(certificateId).orElse(null);
    if (certificate == null) {
      return "unknown certificate";
    }
    if (certificate.status() != IotRegistry.Status.ACTIVE) {
      return "certificate is " + certificate.status();
    }
    if (certificate.policies().isEmpty()) {
      return "no policy is attached to the certificate";
    }
    return switch (decide(certificateId, clientId, "iot:Connect", "client/" + clientId)) {
      case ALLOWED -> null;
      case EXPLICITLY_DENIED -> "iot:Connect as " + clientId + " is denied by the certificate's policies";
      case IMPLICITLY_DENIED -> "iot:Connect as " + clientId + " is not allowed by the certificate's policies";
    };
  }

  public boolean mayPublish(String certificateId, String clientId, String topic) {
    return decide(certificateId, clientId, "iot:Publish", "topic/" + topic).allowed();
  }

  public boolean maySubscribe(String certificateId, String clientId, String topicFilter) {
    return decide(certificateId, clientId, "iot:Subscribe", "topicfilter/" + topicFilter).allowed();
  }

  /** Whether a message on {@code topic} may be delivered to the client (iot:Receive). */
  public boolean mayReceive(String certificateId, String clientId, String topic) {
    return decide(certificateId, clientId, "iot:Receive", "topic/" + topic).allowed();
  }

  private Decision decide(String certificateId, String clientId, String action, String resource) {
    IotRegistry.Certificate certificate = certificateId == null ? null : registry.certificate(certificateId).orElse(null);
    if (certificate == null || certificate.status() != IotRegistry.Status.ACTIVE) {
      return Decision.IMPLICITLY_DENIED;
    }
    String thing = certificate.thingName() != null && registry.thing(certificate.thingName()).isPresent()
        ? certificate.thingName() : null;
    // a name attached that the template does not declare grants nothing
    List<PolicyDocument> attached = certificate.policies().stream().map(policies::get).filter(Objects::nonNull).toList();
    return PolicyEvaluator.decide(attached,
        new PolicyEvaluator.Request(action, arnPrefix + resource, Variables.of(clientId, thing)));
  }
}
