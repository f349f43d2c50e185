package org.labvault.local.iot;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.labvault.local.pki.LocalCa;

/**
 * The broker's extension (in process) that applies IoT Core's rules as the template's policies
 * state them ({@link IotAuthorizer}): a CONNECT needs a client certificate that is ACTIVE and whose
 * attached policies allow iot:Connect with its client id (else CONNACK not authorized); PUBLISH
 * needs iot:Publish on the topic (a refused publish is dropped), SUBSCRIBE iot:Subscribe on the
 * topic filter (else a failure reason code), and a message reaches a subscriber only when its
 * policies allow iot:Receive on the topic. A certificate that loses its access has its connection
 * closed. Every authorized PUBLISH is handed to the inbound listeners (where IoT rules read).
 */
public final class BrokerPolicy implements ExtensionMain {

  /** A PUBLISH the broker accepted from a thing. */
  public record Inbound(String clientId, String topic, byte[] payload) {}

  private final IotRegistry registry;
  private final IotAuthorizer authorizer;
  private final List<Consumer<Inbound>> inbound = new CopyOnWriteArrayList<>();
  private volatile ClientService clients;
  private volatile PublishService publishes;

  public BrokerPolicy(IotRegistry registry, IotAuthorizer authorizer) {
    this.registry = registry;
    this.authorizer = authorizer;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    clients = Services.clientService();
    publishes = Services.publishService();
    Services.securityRegistry().setAuthenticatorProvider(provider -> (SimpleAuthenticator) this::authenticate);
    Services.securityRegistry().setAuthorizerProvider(provider -> new Authorizer(certificateId(provider)));
    Services.initializerRegistry().setClientInitializer((client, context) -> {
      String certificateId = certificateId(client);
      context.addPublishOutboundInterceptor((in, out) -> {
        if (!authorizer.mayReceive(certificateId, in.getClientInformation().getClientId(), in.getPublishPacket().getTopic())) {
          out.preventPublishDelivery();
        }
      });
    });
    registry.onAccessLost(this::disconnect);
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    clients = null;
    publishes = null;
  }

  /** Hands every authorized PUBLISH to {@code listener}. */
  public void onInbound(Consumer<Inbound> listener) {
    inbound.add(listener);
  }

  /** Publishes as the IoT data plane does (not a thing: no policy applies). */
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
    PublishService service = publishes;
    if (service == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("the MQTT broker is not running"));
    }
    return service.publish(Builders.publish().topic(topic).payload(ByteBuffer.wrap(payload.clone()))
        .qos(Qos.valueOf(qos)).build());
  }

  private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
    Optional<X509Certificate> certificate = input.getConnectionInformation().getClientTlsInformation()
        .flatMap(ClientTlsInformation::getClientCertificate);
    if (certificate.isEmpty()) {
      output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "a client certificate is required");
      return;
    }
    String clientId = input.getConnectPacket().getClientId();
    String refusal = authorizer.connectRefusal(LocalCa.certificateId(certificate.get()), clientId);
    if (refusal != null) {
      output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, refusal);
      return;
    }
    output.authenticateSuccessfully();
  }

  private void disconnect(String thingName) {
    ClientService service = clients;
    if (service != null) {
      service.disconnectClient(thingName, false, DisconnectReasonCode.NOT_AUTHORIZED, "certificate no longer authorized");
    }
  }

  /** The id of the certificate a connection was made with, or null (then nothing is allowed). */
  private static String certificateId(ClientBasedInput input) {
    return input.getConnectionInformation().getClientTlsInformation()
        .flatMap(ClientTlsInformation::getClientCertificate)
        .map(LocalCa::certificateId)
        .orElse(null);
  }

  /** One per connection, with the certificate it was made with. */
  private final class Authorizer implements PublishAuthorizer, SubscriptionAuthorizer {

    private final String certificateId;

    Authorizer(String certificateId) {
      this.certificateId = certificateId;
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
      String clientId = input.getClientInformation().getClientId();
      String topic = input.getPublishPacket().getTopic();
      if (certificateId == null || !authorizer.mayPublish(certificateId, clientId, topic)) {
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "iot:Publish on this topic is not allowed");
        return;
      }
      output.authorizeSuccessfully();
      if (!inbound.isEmpty()) {
        ByteBuffer buffer = input.getPublishPacket().getPayload().orElse(ByteBuffer.allocate(0)).asReadOnlyBuffer();
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        Inbound message = new Inbound(clientId, topic, payload);
        inbound.forEach(listener -> listener.accept(message));
      }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
      String clientId = input.getClientInformation().getClientId();
      if (certificateId != null && authorizer.maySubscribe(certificateId, clientId, input.getSubscription().getTopicFilter())) {
        output.authorizeSuccessfully();
      } else {
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "iot:Subscribe on this topic filter is not allowed");
      }
    }
  }
}
