package org.labvault.instruments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.inject.Inject;
import org.labvault.instruments.InstrumentRequests.Registration;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Role;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.id.Ids;
import org.labvault.shared.instrument.domain.Instrument;
import org.labvault.shared.instrument.domain.InstrumentGrant;
import org.labvault.shared.instrument.domain.InstrumentStatus;
import org.labvault.shared.instrument.port.InstrumentRepository;
import org.labvault.shared.instrument.port.Things;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/**
 * Registering, reading and revoking instruments (their owner only), and granting them to groups
 * (an ADMIN of the group who also owns the instrument). Nobody else learns an instrument exists.
 */
public final class InstrumentService {

  static final AuditAction REGISTER = AuditAction.INSTRUMENTS_REGISTER;
  static final AuditAction REVOKE = AuditAction.INSTRUMENTS_REVOKE;
  static final AuditAction GRANT = AuditAction.INSTRUMENTS_GRANT;
  static final AuditAction UNGRANT = AuditAction.INSTRUMENTS_UNGRANT;

  private final InstrumentRepository instruments;
  private final Things things;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  InstrumentService(InstrumentRepository instruments, Things things, Authorizer authorizer, Clock clock) {
    this.instruments = instruments;
    this.things = things;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /** Where instruments connect. */
  String mqttEndpoint() {
    return things.mqttEndpoint();
  }

  /**
   * Registers an instrument: IoT Core issues its certificate from the CSR (the key stays on the
   * instrument), then LabVault records it, owned by the caller. If recording fails, the
   * certificate is revoked again: no certificate lives without its record.
   */
  public Instrument register(Caller caller, Registration registration) {
    String instrumentId = Ids.newId(clock);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return authorizer.audited(caller, REGISTER, resource(instrumentId), null, () -> {
      Things.Issued issued = things.register(instrumentId, registration.csr().toPem());
      Instrument instrument = new Instrument(instrumentId, caller.userId(),
          caller.principal().tenantId().orElse(""), registration.name(), registration.serialNumber(),
          issued.certificateId(), issued.certificateArn(), issued.certificatePem(), now, InstrumentStatus.ACTIVE);
      try {
        instruments.create(instrument);
      } catch (RuntimeException e) {
        things.revoke(instrumentId, issued.certificateArn(), issued.certificateId());
        throw e;
      }
      return instrument;
    });
  }

  /** The caller's instruments. */
  public Page<Instrument> list(Caller caller, PageRequest page) {
    return instruments.listOwned(caller.userId(), page);
  }

  /** One of the caller's instruments; anyone else's is not found. */
  public Instrument get(Caller caller, String instrumentId) {
    return owned(caller, instrumentId, AuditAction.INSTRUMENTS_READ);
  }

  /**
   * Revokes an instrument: its certificate first (new connections refused, the open one closed),
   * then its record and every grant. Repeating it is harmless and finishes a revocation that
   * stopped half way (its owner still gets 204; nobody else learns the instrument existed).
   */
  public void revoke(Caller caller, String instrumentId) {
    Instrument instrument = find(caller, instrumentId, REVOKE, true);
    authorizer.audited(caller, REVOKE, resource(instrumentId), null, () -> {
      things.revoke(instrumentId, instrument.certificateArn(), instrument.certificateId());
      instruments.revoke(instrumentId, clock.instant());
      return null;
    });
  }

  /** Grants an instrument the caller owns to a group the caller administers. */
  public void grant(Caller caller, String groupId, String instrumentId) {
    Role role = authorizer.require(caller, groupId, Action.INSTRUMENTS_MANAGE);
    Instrument instrument = owned(caller, instrumentId, GRANT);
    InstrumentGrant grant = new InstrumentGrant(groupId, instrumentId, instrument.name(),
        clock.instant().truncatedTo(ChronoUnit.SECONDS), caller.userId());
    authorizer.audited(caller, GRANT, resource(instrumentId), role, () -> {
      instruments.grant(grant, caller.userId());
      return null;
    });
  }

  /** Takes a group's grant away (an ADMIN of the group, owner or not). Repeating it changes nothing. */
  public void ungrant(Caller caller, String groupId, String instrumentId) {
    Role role = authorizer.require(caller, groupId, Action.INSTRUMENTS_MANAGE);
    if (Ids.looksValid(instrumentId) && instruments.ungrant(groupId, instrumentId)) {
      authorizer.allowed(caller, UNGRANT, resource(instrumentId), role);
    }
  }

  /** The instruments a group granted (any member). */
  public Page<InstrumentGrant> grants(Caller caller, String groupId, PageRequest page) {
    authorizer.require(caller, groupId, Action.GROUP_READ);
    return instruments.grantsOf(groupId, page);
  }

  private Instrument owned(Caller caller, String instrumentId, AuditAction action) {
    return find(caller, instrumentId, action, false);
  }

  /** The caller's instrument (ACTIVE, or also REVOKED when {@code revokedToo}); anyone else's is not found. */
  private Instrument find(Caller caller, String instrumentId, AuditAction action, boolean revokedToo) {
    return (Ids.looksValid(instrumentId) ? instruments.find(instrumentId) : java.util.Optional.<Instrument>empty())
        .filter(i -> i.ownerId().equals(caller.userId()))
        .filter(i -> i.status() == InstrumentStatus.ACTIVE || revokedToo)
        .orElseThrow(() -> authorizer.deny(caller, action, resource(instrumentId), null, noSuchInstrument()));
  }

  static NotFoundException noSuchInstrument() {
    return new NotFoundException("no such instrument");
  }

  private static AuditResource resource(String instrumentId) {
    return AuditResource.instrument(instrumentId);
  }
}
