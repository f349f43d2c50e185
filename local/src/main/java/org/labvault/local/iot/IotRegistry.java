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

  public record Thing(String thingName, Instant createdAt) {}

  /** A certificate; {@code thingName} is the thing it is attached to, or null. */
  public record Certificate(String certificateId, String certificatePem, Status status, String thingName,
      Instant createdAt, java.util.SortedSet<String> policies) {

    public Certificate {
      policies = policies == null ? new java.util.TreeSet<>() : new java.util.TreeSet<>(policies);
    }

    Certificate with(Status newStatus, String newThing) {
      return new Certificate(certificateId, certificatePem, newStatus, newThing, createdAt, policies);
    }

    Certificate withPolicies(java.util.SortedSet<String> newPolicies) {
      return new Certificate(certificateId, certificatePem, status, thingName, createdAt, newPolicies);
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
   * attaches it to the thing: CreateThing, CreateCertificateFromCsr and AttachThingPrincipal at once.
   *
   * @throws IllegalArgumentException for a thing name IoT Core would refuse or a CSR whose
   *     signature does not verify
   */
  public Registration register(String thingName, PKCS10CertificationRequest csr) {
    requireThingName(thingName);
    X509Certificate issued = ca.signCsr(csr, thingName);
    String id = LocalCa.certificateId(issued);
    String pem;
    try {
      pem = LocalCa.pem(issued);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    synchronized (this) {
      Instant now = clock.instant();
      things.putIfAbsent(thingName, new Thing(thingName, now));
      certificates.put(id, new Certificate(id, pem, Status.ACTIVE, thingName, now, null));
      save();
    }
    return new Registration(thingName, id, pem);
  }

  /** Sets a certificate's status (UpdateCertificate); anything but ACTIVE closes its connection. */
  public void updateStatus(String certificateId, Status status) {
    Certificate certificate;
    synchronized (this) {
      certificate = existing(certificateId);
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

  /** DetachThingPrincipal: the certificate no longer connects as the thing. */
  public void detach(String thingName, String certificateId) {
    synchronized (this) {
      Certificate certificate = existing(certificateId);
      if (!thingName.equals(certificate.thingName())) {
        throw new IllegalArgumentException("certificate " + certificateId + " is not attached to " + thingName);
      }
      certificates.put(certificateId, certificate.with(certificate.status(), null));
      save();
    }
    lost(thingName);
  }

  /** DeleteCertificate: refused, as IoT Core does, while it is ACTIVE or attached to a thing. */
  public void deleteCertificate(String certificateId) {
    Certificate certificate;
    synchronized (this) {
      certificate = existing(certificateId);
      if (certificate.status() == Status.ACTIVE) {
        throw new IllegalStateException("certificate " + certificateId + " is ACTIVE; deactivate or revoke it first");
      }
      if (certificate.thingName() != null) {
        throw new IllegalStateException("certificate " + certificateId + " is attached to " + certificate.thingName());
      }
      certificates.remove(certificateId);
      save();
    }
  }

  /** DeleteThing: refused, as IoT Core does, while a certificate is attached to it. */
  public void deleteThing(String thingName) {
    synchronized (this) {
      if (!things.containsKey(thingName)) {
        throw new IllegalArgumentException("no thing " + thingName);
      }
      if (certificates.values().stream().anyMatch(c -> thingName.equals(c.thingName()))) {
        throw new IllegalStateException("thing " + thingName + " still has certificates attached");
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
      throw new IllegalArgumentException("no certificate " + certificateId);
    }
    return certificate;
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
      throw new IllegalArgumentException("a thing name is 1 to 128 of a-z, A-Z, 0-9, ':', '_', '-'");
    }
  }
}
