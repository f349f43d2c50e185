package org.labvault.local.iot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.labvault.local.pki.LocalCa;
import org.labvault.shared.json.Json;

/**
 * The local stand-in for IoT Core's registry: things, the certificates the local CA issued from
 * CSRs, their status and the thing each is attached to. Kept in one JSON file of the state
 * directory, replaced atomically on every change, so it survives a restart (and a kill).
 *
 * <p>The broker reads a certificate's status, thing and attached policies at every request (see
 * {@code IotAuthorizer}); a change that takes a certificate's access away tells the listeners
 * ({@link #onAccessLost}), which close the thing's open connection.
 */
public final class IotRegistry {

  /** A thing name as IoT Core accepts it. */
  private static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");

  /** A certificate's status, as IoT Core names it. */
  public enum Status { ACTIVE, INACTIVE, REVOKED }

  /** A thing and its attributes (none in a file written before they were kept). */
  public record Thing(String thingName, Instant createdAt, Map<String, String> attributes) {
    public Thing {
      attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
  }

  /**
   * A certificate; {@code thingName} is the thing it is attached to, or null; {@code exclusive}
   * whether it was attached as EXCLUSIVE_THING. The local registry attaches a certificate to one
   * thing at most (IoT Core allows several non-exclusive ones; LabVault attaches exclusively).
   * {@code exclusive} is a Boolean only so that a file written before it was kept still reads; it
   * is never null.
   */
  public record Certificate(String certificateId, String certificatePem, Status status, String thingName,
      Instant createdAt, java.util.SortedSet<String> policies, Boolean exclusive) {

    public Certificate {
      policies = policies == null ? new java.util.TreeSet<>() : new java.util.TreeSet<>(policies);
      exclusive = Boolean.TRUE.equals(exclusive) && thingName != null;
    }

    Certificate with(Status newStatus, String newThing) {
      return new Certificate(certificateId, certificatePem, newStatus, newThing, createdAt, policies, exclusive);
    }

    Certificate attachedTo(String newThing, boolean newExclusive) {
      return new Certificate(certificateId, certificatePem, status, newThing, createdAt, policies, newExclusive);
    }

    Certificate withPolicies(java.util.SortedSet<String> newPolicies) {
      return new Certificate(certificateId, certificatePem, status, thingName, createdAt, newPolicies, exclusive);
    }
  }

  /** What register returns: the thing's name and its new certificate. */
  public record Registration(String thingName, String certificateId, String certificatePem) {}

  /** The file's content. */
  record State(Map<String, Thing> things, Map<String, Certificate> certificates) {}

  private final Path file;
  private final LocalCa ca;
  private final Clock clock;
  private final ObjectMapper mapper = Json.instance().mapper();
  private final List<Consumer<String>> accessLost = new CopyOnWriteArrayList<>();
  private final Map<String, Thing> things = new TreeMap<>();
  private final Map<String, Certificate> certificates = new TreeMap<>();

  private IotRegistry(Path file, LocalCa ca, Clock clock) {
    this.file = file;
    this.ca = ca;
    this.clock = clock;
  }

  /** Opens the registry kept in {@code file} (created at the first change). */
  public static IotRegistry open(Path file, LocalCa ca, Clock clock) throws IOException {
    IotRegistry registry = new IotRegistry(file, ca, clock);
    if (Files.exists(file)) {
      State state = registry.mapper.readValue(file.toFile(), State.class);
      registry.things.putAll(state.things());
      registry.certificates.putAll(state.certificates());
    }
    return registry;
  }

  /** Tells {@code listener} the name of a thing whose open connection must close. */
  public void onAccessLost(Consumer<String> listener) {
    accessLost.add(listener);
  }

  /**
   * Creates the thing (unless it exists), issues an ACTIVE certificate from {@code csr} and
   * attaches it to the thing exclusively: CreateThing, CreateCertificateFromCsr and
   * AttachThingPrincipal at once.
   *
   * @throws IotRefusal INVALID for a thing name IoT Core would refuse or a CSR whose signature
   *     does not verify
   */
  public Registration register(String thingName, PKCS10CertificationRequest csr) {
    requireThingName(thingName);
    synchronized (this) {
      if (!things.containsKey(thingName)) {
        things.put(thingName, new Thing(thingName, clock.instant(), Map.of()));
      }
    }
    Certificate certificate = createCertificate(csr, Status.ACTIVE);
    attachThing(thingName, certificate.certificateId(), true);
    return new Registration(thingName, certificate.certificateId(), certificate.certificatePem());
  }

  /**
   * CreateThing: the thing, new or the existing one when its attributes are the same.
   *
   * @throws IotRefusal ALREADY_EXISTS when it exists with other attributes, INVALID for a bad name
   */
  public synchronized Thing createThing(String thingName, Map<String, String> attributes) {
    requireThingName(thingName);
    Thing existing = things.get(thingName);
    if (existing != null) {
      if (!existing.attributes().equals(attributes)) {
        throw new IotRefusal(IotRefusal.Reason.ALREADY_EXISTS,
            "Thing " + thingName + " already exists in account with different attributes");
      }
      return existing;
    }
    Thing thing = new Thing(thingName, clock.instant(), attributes);
    things.put(thingName, thing);
    save();
    return thing;
  }

  /**
   * CreateCertificateFromCsr: a certificate the local CA issues from the CSR, attached to nothing.
   *
   * @throws IotRefusal INVALID when the CSR's signature does not verify
   */
  public Certificate createCertificate(PKCS10CertificationRequest csr, Status status) {
    X509Certificate issued;
    String pem;
    try {
      issued = ca.signCsr(csr, null);
      pem = LocalCa.pem(issued);
    } catch (IllegalArgumentException e) {
      throw new IotRefusal(IotRefusal.Reason.INVALID, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = LocalCa.certificateId(issued);
    Certificate certificate = new Certificate(id, pem, status, null, clock.instant(), null, false);
    synchronized (this) {
      certificates.put(id, certificate);
      save();
    }
    return certificate;
  }

  /**
   * AttachThingPrincipal: the certificate connects as the thing from now on. Attaching it again to
   * the same thing changes nothing.
   *
   * @throws IotRefusal NOT_FOUND for an unknown thing or certificate; INVALID when the certificate
   *     is attached to another thing (exclusively, or at all: the local registry keeps one thing
   *     per certificate)
   */
  public synchronized void attachThing(String thingName, String certificateId, boolean exclusive) {
    existingThing(thingName);
    Certificate certificate = existing(certificateId);
    if (certificate.thingName() != null && !certificate.thingName().equals(thingName)) {
      throw new IotRefusal(IotRefusal.Reason.INVALID, certificate.exclusive()
          ? "Principal " + certificateId + " is exclusively attached to thing " + certificate.thingName()
          : "Principal " + certificateId + " is attached to thing " + certificate.thingName()
              + "; the local registry attaches a certificate to one thing only");
    }
    certificates.put(certificateId, certificate.attachedTo(thingName, exclusive || certificate.exclusive()));
    save();
  }

  /**
   * Sets a certificate's status (UpdateCertificate); anything but ACTIVE closes its connection.
   *
   * @throws IotRefusal NOT_FOUND for an unknown certificate; CERTIFICATE_STATE to take a REVOKED
   *     one to another status (revocation is final in IoT Core)
   */
  public void updateStatus(String certificateId, Status status) {
    Certificate certificate;
    synchronized (this) {
      certificate = existing(certificateId);
      if (certificate.status() == Status.REVOKED && status != Status.REVOKED) {
        throw new IotRefusal(IotRefusal.Reason.CERTIFICATE_STATE,
            "Certificate " + certificateId + " is REVOKED; its status cannot change");
      }
      certificates.put(certificateId, certificate.with(status, certificate.thingName()));
      save();
    }
    if (status != Status.ACTIVE) {
      lost(certificate.thingName());
    }
  }

  /** UpdateCertificate to REVOKED: new connections are refused and the open one is closed. */
  public void revoke(String certificateId) {
    updateStatus(certificateId, Status.REVOKED);
  }

  /**
   * DetachThingPrincipal: the certificate no longer connects as the thing. Detaching a certificate
   * that is not attached to the thing changes nothing (a retried revocation gets through).
   *
   * @throws IotRefusal NOT_FOUND for an unknown thing or certificate
   */
  public void detach(String thingName, String certificateId) {
    synchronized (this) {
      existingThing(thingName);
      Certificate certificate = existing(certificateId);
      if (!thingName.equals(certificate.thingName())) {
        return;
      }
      certificates.put(certificateId, certificate.attachedTo(null, false));
      save();
    }
    lost(thingName);
  }

  /**
   * DeleteCertificate, refused as IoT Core refuses it: while it is ACTIVE (CERTIFICATE_STATE),
   * attached to a thing, or with policies attached unless {@code force} (DELETE_CONFLICT).
   *
   * @throws IotRefusal NOT_FOUND for an unknown certificate
   */
  public void deleteCertificate(String certificateId, boolean force) {
    synchronized (this) {
      Certificate certificate = existing(certificateId);
      if (certificate.status() == Status.ACTIVE) {
        throw new IotRefusal(IotRefusal.Reason.CERTIFICATE_STATE,
            "Certificate " + certificateId + " is ACTIVE; deactivate or revoke it first");
      }
      if (certificate.thingName() != null) {
        throw new IotRefusal(IotRefusal.Reason.DELETE_CONFLICT,
            "Certificate " + certificateId + " is attached to thing " + certificate.thingName());
      }
      if (!certificate.policies().isEmpty() && !force) {
        throw new IotRefusal(IotRefusal.Reason.DELETE_CONFLICT,
            "Certificate " + certificateId + " has policies attached: " + certificate.policies());
      }
      certificates.remove(certificateId);
      save();
    }
  }

  /**
   * DeleteThing: deleting a thing that does not exist succeeds, as in IoT Core.
   *
   * @throws IotRefusal INVALID while a certificate is attached to it
   */
  public void deleteThing(String thingName) {
    synchronized (this) {
      if (!things.containsKey(thingName)) {
        return;
      }
      if (certificates.values().stream().anyMatch(c -> thingName.equals(c.thingName()))) {
        throw new IotRefusal(IotRefusal.Reason.INVALID,
            "Cannot delete thing " + thingName + ": it has principals attached");
      }
      things.remove(thingName);
      save();
    }
    lost(thingName);
  }

  /** AttachPolicy: the named policy (of the template) now applies to the certificate. */
  public void attachPolicy(String policyName, String certificateId) {
    synchronized (this) {
      Certificate certificate = existing(certificateId);
      java.util.SortedSet<String> policies = new java.util.TreeSet<>(certificate.policies());
      policies.add(policyName);
      certificates.put(certificateId, certificate.withPolicies(policies));
      save();
    }
  }

  /** DetachPolicy: the policy no longer applies; the certificate's open connection is closed. */
  public void detachPolicy(String policyName, String certificateId) {
    Certificate certificate;
    synchronized (this) {
      certificate = existing(certificateId);
      java.util.SortedSet<String> policies = new java.util.TreeSet<>(certificate.policies());
      policies.remove(policyName);
      certificates.put(certificateId, certificate.withPolicies(policies));
      save();
    }
    lost(certificate.thingName());
  }

  /** The names of the policies attached to a certificate (none for an unknown one). */
  public synchronized java.util.SortedSet<String> attachedPolicies(String certificateId) {
    Certificate certificate = certificates.get(certificateId);
    return certificate == null ? new java.util.TreeSet<>() : new java.util.TreeSet<>(certificate.policies());
  }

  public synchronized Optional<Certificate> certificate(String certificateId) {
    return Optional.ofNullable(certificates.get(certificateId));
  }

  public synchronized Optional<Thing> thing(String thingName) {
    return Optional.ofNullable(things.get(thingName));
  }

  /**
   * Whether the certificate may connect with {@code clientId}: it is known, ACTIVE, attached to a
   * thing that exists, and the client id is that thing's name.
   *
   * @return null when it may, else why not
   */
  public synchronized String connectDecision(String certificateId, String clientId) {
    Certificate certificate = certificates.get(certificateId);
    if (certificate == null) {
      return "unknown certificate";
    }
    if (certificate.status() != Status.ACTIVE) {
      return "certificate is " + certificate.status();
    }
    if (certificate.thingName() == null || !things.containsKey(certificate.thingName())) {
      return "certificate is not attached to a thing";
    }
    if (!certificate.thingName().equals(clientId)) {
      return "client id is not the certificate's thing name";
    }
    return null;
  }

  private Certificate existing(String certificateId) {
    Certificate certificate = certificates.get(certificateId);
    if (certificate == null) {
      throw new IotRefusal(IotRefusal.Reason.NOT_FOUND, "The certificate " + certificateId + " does not exist");
    }
    return certificate;
  }

  private Thing existingThing(String thingName) {
    Thing thing = things.get(thingName);
    if (thing == null) {
      throw new IotRefusal(IotRefusal.Reason.NOT_FOUND, "The thing " + thingName + " does not exist");
    }
    return thing;
  }

  private void lost(String thingName) {
    if (thingName != null) {
      accessLost.forEach(listener -> listener.accept(thingName));
    }
  }

  /** Writes the whole registry to a temporary file, then moves it over the old one in one step. */
  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      try (var out = Files.newOutputStream(temp)) {
        mapper.writeValue(out, new State(new TreeMap<>(things), new TreeMap<>(certificates)));
        out.flush();
      }
      try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the IoT registry " + file, e);
    }
  }

  private static void requireThingName(String thingName) {
    if (thingName == null || !THING_NAME.matcher(thingName).matches()) {
      throw new IotRefusal(IotRefusal.Reason.INVALID, "a thing name is 1 to 128 of a-z, A-Z, 0-9, ':', '_', '-'");
    }
  }
}
