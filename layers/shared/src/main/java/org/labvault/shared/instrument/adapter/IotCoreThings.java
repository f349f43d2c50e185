package org.labvault.shared.instrument.adapter;

import javax.inject.Inject;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.instrument.port.Things;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.CertificateStateException;
import software.amazon.awssdk.services.iot.model.DeleteConflictException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ThingPrincipalType;

/** Instruments' things and certificates in IoT Core's registry. */
public final class IotCoreThings implements Things {

  private static final Logger LOG = LoggerFactory.getLogger(IotCoreThings.class);

  private final IotClient iot;
  private final IotEndpoints endpoints;
  private final Config config;

  @Inject
  public IotCoreThings(IotClient iot, IotEndpoints endpoints, Config config) {
    this.iot = iot;
    this.endpoints = endpoints;
    this.config = config;
  }

  private String policyName() {
    return config.require(Config.Names.INSTRUMENT_POLICY_NAME);
  }

  @Override
  public Issued register(String thingName, String csrPem) {
    String policy = policyName();
    iot.createThing(r -> r.thingName(thingName));
    var certificate = issue(thingName, csrPem);
    try {
      // exclusive: the certificate can never stand for a second thing
      iot.attachThingPrincipal(r -> r.thingName(thingName).principal(certificate.certificateArn())
          .thingPrincipalType(ThingPrincipalType.EXCLUSIVE_THING));
      iot.attachPolicy(r -> r.policyName(policy).target(certificate.certificateArn()));
    } catch (RuntimeException e) {
      revokeQuietly(thingName, certificate);
      throw e;
    }
    return new Issued(certificate.certificateId(), certificate.certificateArn(), certificate.certificatePem());
  }

  private software.amazon.awssdk.services.iot.model.CreateCertificateFromCsrResponse issue(String thingName, String csrPem) {
    try {
      return iot.createCertificateFromCsr(r -> r.certificateSigningRequest(csrPem).setAsActive(true));
    } catch (RuntimeException e) {
      // no certificate: the thing made for it goes again
      try {
        ignoreMissing(() -> iot.deleteThing(r -> r.thingName(thingName)));
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof InvalidRequestException) {
        throw ValidationException.field("csrPem", "IoT Core refused the certificate signing request");
      }
      throw e;
    }
  }

  private void revokeQuietly(String thingName, software.amazon.awssdk.services.iot.model.CreateCertificateFromCsrResponse c) {
    try {
      revoke(thingName, c.certificateArn(), c.certificateId());
    } catch (RuntimeException e) {
      LOG.error("a half-registered instrument could not be revoked: thing={} certificate={}", thingName, c.certificateId(), e);
    }
  }

  /**
   * The certificate is revoked first: from then on IoT Core refuses it and closes its connection.
   * Detaching and deleting are clean-up; what is gone already is skipped, so a repeat finishes an
   * interrupted revocation.
   */
  @Override
  public void revoke(String thingName, String certificateArn, String certificateId) {
    ignoreMissing(() -> iot.updateCertificate(r -> r.certificateId(certificateId).newStatus(CertificateStatus.REVOKED)));
    ignoreMissing(() -> iot.detachPolicy(r -> r.policyName(policyName()).target(certificateArn)));
    ignoreMissing(() -> iot.detachThingPrincipal(r -> r.thingName(thingName).principal(certificateArn)));
    // IoT Core detaches asynchronously: a delete right after may meet the attachment still there.
    // What is left behind is revoked and detached, so it grants nothing; a repeat removes it.
    deleteLeavingConflicts(thingName, certificateId, () -> iot.deleteCertificate(r -> r.certificateId(certificateId)));
    deleteLeavingConflicts(thingName, certificateId, () -> iot.deleteThing(r -> r.thingName(thingName)));
  }

  private static void deleteLeavingConflicts(String thingName, String certificateId, Runnable delete) {
    try {
      ignoreMissing(delete);
    } catch (DeleteConflictException | InvalidRequestException | CertificateStateException e) {
      LOG.warn("revoked instrument not yet deleted from the registry: thing={} certificate={} reason={}",
          thingName, certificateId, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode());
    }
  }

  private static void ignoreMissing(Runnable step) {
    try {
      step.run();
    } catch (ResourceNotFoundException e) {
      // done before
    }
  }

  @Override
  public String mqttEndpoint() {
    return endpoints.mqtt();
  }
}
