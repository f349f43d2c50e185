package org.labvault.local.iot.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.labvault.local.iot.IotRefusal;
import org.labvault.local.iot.IotRegistry;

/**
 * The control plane's operations (things, certificates, their attachments, DescribeEndpoint)
 * mapped onto the registry, with IoT's request and response shapes.
 */
final class ControlPlane {

  private static final Pattern CERTIFICATE_ID = Pattern.compile("[a-fA-F0-9]{64}");
  private static final java.util.Set<Object> NIST_CURVES =
      java.util.Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

  private final IotRegistry registry;
  private final String arnPrefix;
  private final String dataEndpointAddress;

  /**
   * @param dataEndpointAddress what DescribeEndpoint answers for the data endpoint: host and port,
   *     no scheme, as IoT Core answers its {@code <prefix>-ats.iot.<region>.amazonaws.com}. Locally
   *     that is this endpoint, plain HTTP on the loopback; the functions do not ask for it (they get
   *     AWS_ENDPOINT_URL_IOT_DATA_PLANE and MQTT_ENDPOINT), so it only has to be true, not usable
   *     with the https the SDK would put in front of it.
   */
  ControlPlane(IotRegistry registry, String region, String accountId, String dataEndpointAddress) {
    this.registry = registry;
    this.arnPrefix = "arn:aws:iot:" + region + ":" + accountId + ":";
    this.dataEndpointAddress = dataEndpointAddress;
  }

  IotResponse handle(Operation.Routed routed, IotRequest request) {
    try {
      return switch (routed.operation()) {
        case CREATE_THING -> createThing(routed.parameter(0), request);
        case DELETE_THING -> {
          registry.deleteThing(routed.parameter(0));
          yield IotResponse.EMPTY;
        }
        case ATTACH_THING_PRINCIPAL -> attachThingPrincipal(routed.parameter(0), request);
        case DETACH_THING_PRINCIPAL -> {
          registry.detach(routed.parameter(0), certificateIdOf(principal(request)));
          yield IotResponse.EMPTY;
        }
        case CREATE_CERTIFICATE_FROM_CSR -> createCertificateFromCsr(request);
        case UPDATE_CERTIFICATE -> updateCertificate(certificateId(routed.parameter(0)), request);
        case DELETE_CERTIFICATE -> {
          registry.deleteCertificate(certificateId(routed.parameter(0)), "true".equals(request.query("forceDelete")));
          yield IotResponse.EMPTY;
        }
        case ATTACH_POLICY -> {
          registry.attachPolicy(routed.parameter(0), certificateIdOf(request.requiredField("target")));
          yield IotResponse.EMPTY;
        }
        case DETACH_POLICY -> {
          registry.detachPolicy(routed.parameter(0), certificateIdOf(request.requiredField("target")));
          yield IotResponse.EMPTY;
        }
        case DESCRIBE_ENDPOINT -> describeEndpoint(request);
        case PUBLISH -> throw new IllegalArgumentException("Publish is the data plane's");
      };
    } catch (IotRefusal refusal) {
      throw IotError.of(refusal);
    }
  }

  private IotResponse createThing(String thingName, IotRequest request) {
    JsonNode body = request.json();
    if (body.hasNonNull("thingTypeName") || body.hasNonNull("billingGroupName")) {
      throw IotError.invalidRequest("the local registry keeps no thing types or billing groups");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    JsonNode given = body.path("attributePayload").path("attributes");
    given.properties().forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
    IotRegistry.Thing thing = registry.createThing(thingName, attributes);
    var out = IotResponse.object();
    out.put("thingName", thing.thingName());
    out.put("thingArn", arnPrefix + "thing/" + thing.thingName());
    out.put("thingId", thingId(thing));
    return IotResponse.json(out);
  }

  /** A stable id per thing (IoT Core's is a UUID it keeps; the registry need not store one). */
  private static String thingId(IotRegistry.Thing thing) {
    return UUID.nameUUIDFromBytes((thing.thingName() + "@" + thing.createdAt()).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private IotResponse attachThingPrincipal(String thingName, IotRequest request) {
    String type = request.query("thingPrincipalType");
    boolean exclusive;
    if (type == null || type.equals("NON_EXCLUSIVE_THING")) {
      exclusive = false;
    } else if (type.equals("EXCLUSIVE_THING")) {
      exclusive = true;
    } else {
      throw IotError.invalidRequest("thingPrincipalType must be EXCLUSIVE_THING or NON_EXCLUSIVE_THING, not " + type);
    }
    registry.attachThing(thingName, certificateIdOf(principal(request)), exclusive);
    return IotResponse.EMPTY;
  }

  private IotResponse createCertificateFromCsr(IotRequest request) {
    PKCS10CertificationRequest csr = csr(request.requiredField("certificateSigningRequest"));
    requireStrongKey(csr.getSubjectPublicKeyInfo());
    boolean active = "true".equals(request.query("setAsActive"));
    IotRegistry.Certificate certificate =
        registry.createCertificate(csr, active ? IotRegistry.Status.ACTIVE : IotRegistry.Status.INACTIVE);
    var out = IotResponse.object();
    out.put("certificateArn", certificateArn(certificate.certificateId()));
    out.put("certificateId", certificate.certificateId());
    out.put("certificatePem", certificate.certificatePem());
    return IotResponse.json(out);
  }

  private static PKCS10CertificationRequest csr(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      if (parser.readObject() instanceof PKCS10CertificationRequest csr) {
        return csr;
      }
    } catch (IOException | RuntimeException e) {
      // answered below
    }
    throw IotError.invalidRequest("The certificate signing request is not a valid PEM-encoded PKCS#10 request");
  }

  /** IoT Core's rule for a CSR's key: RSA of at least 2048 bits, or EC on NIST P-256, P-384 or P-521. */
  private static void requireStrongKey(SubjectPublicKeyInfo key) {
    var algorithm = key.getAlgorithm();
    boolean strong;
    try {
      if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())) {
        strong = RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength() >= 2048;
      } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
        strong = NIST_CURVES.contains(algorithm.getParameters());
      } else {
        strong = false;
      }
    } catch (IOException | RuntimeException e) {
      strong = false;
    }
    if (!strong) {
      throw IotError.invalidRequest("The CSR's public key must be RSA of at least 2048 bits or EC on NIST P-256,"
          + " P-384 or P-521");
    }
  }

  private IotResponse updateCertificate(String certificateId, IotRequest request) {
    String newStatus = request.query("newStatus");
    if (newStatus == null) {
      throw IotError.invalidRequest("newStatus is required");
    }
    IotRegistry.Status status;
    try {
      status = IotRegistry.Status.valueOf(newStatus);
    } catch (IllegalArgumentException e) {
      // PENDING_TRANSFER, PENDING_ACTIVATION, REGISTER_INACTIVE are IoT Core's own
      throw IotError.invalidRequest("newStatus must be ACTIVE, INACTIVE or REVOKED, not " + newStatus);
    }
    registry.updateStatus(certificateId, status);
    return IotResponse.EMPTY;
  }

  private IotResponse describeEndpoint(IotRequest request) {
    String type = request.query("endpointType");
    if (type != null && !type.equals("iot:Data-ATS") && !type.equals("iot:Data")) {
      throw IotError.invalidRequest("the local stack serves only the data endpoint, not " + type);
    }
    var out = IotResponse.object();
    out.put("endpointAddress", dataEndpointAddress);
    return IotResponse.json(out);
  }

  String certificateArn(String certificateId) {
    return arnPrefix + "cert/" + certificateId;
  }

  private static String principal(IotRequest request) {
    String principal = request.header("x-amzn-principal");
    if (principal == null || principal.isBlank()) {
      throw IotError.invalidRequest("the x-amzn-principal header (the certificate's ARN) is required");
    }
    return principal;
  }

  /** The certificate id of a certificate ARN of this account and region. */
  private String certificateIdOf(String arn) {
    if (!arn.startsWith(arnPrefix + "cert/")) {
      throw IotError.invalidRequest("not a certificate ARN of this account and region: " + arn);
    }
    return certificateId(arn.substring((arnPrefix + "cert/").length()));
  }

  private static String certificateId(String id) {
    if (!CERTIFICATE_ID.matcher(id).matches()) {
      throw IotError.invalidRequest("a certificate id is 64 hexadecimal digits, not " + id);
    }
    return id.toLowerCase(java.util.Locale.ROOT);
  }
}
