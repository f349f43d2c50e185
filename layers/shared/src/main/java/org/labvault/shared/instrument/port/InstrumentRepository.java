package org.labvault.shared.instrument.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.labvault.shared.instrument.domain.Instrument;
import org.labvault.shared.instrument.domain.InstrumentGrant;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** Instruments and their group grants. Every change is conditional or transactional. */
public interface InstrumentRepository {

  /** Stores a newly registered instrument. */
  void create(Instrument instrument);

  /** The instrument (any status), read strongly consistently. */
  Optional<Instrument> find(String instrumentId);

  /** A page of an owner's ACTIVE instruments, oldest first. */
  Page<Instrument> listOwned(String ownerId, PageRequest page);

  /**
   * ACTIVE -> REVOKED, and every grant of the instrument removed.
   *
   * @return false when it was not ACTIVE (revoked already)
   */
  boolean revoke(String instrumentId, Instant at);

  /**
   * Grants the instrument to the group, in one transaction that re-checks that the group is
   * active, the granter is still its ADMIN, and the instrument is ACTIVE and the granter's. A grant
   * that exists already is kept as it was.
   *
   * @throws org.labvault.shared.error.NotFoundException when the group or the instrument is gone
   * @throws org.labvault.shared.error.ForbiddenException when the granter is no longer ADMIN
   */
  void grant(InstrumentGrant grant, String ownerId);

  /** Removes the group's grant to the instrument; false when there was none. */
  boolean ungrant(String groupId, String instrumentId);

  /** A page of a group's grants, by instrument id. */
  Page<InstrumentGrant> grantsOf(String groupId, PageRequest page);

  /** The groups that granted the instrument. */
  List<String> groupsGranting(String instrumentId);
}
