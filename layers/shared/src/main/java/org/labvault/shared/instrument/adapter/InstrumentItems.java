package org.labvault.shared.instrument.adapter;

import java.util.HashMap;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.instrument.domain.Instrument;
import org.labvault.shared.instrument.domain.InstrumentGrant;
import org.labvault.shared.instrument.domain.InstrumentStatus;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How instruments and their grants look as items of the LabVault table. */
public final class InstrumentItems {

  /** An instrument's status, which an asset an instrument uploads re-checks in its transaction. */
  public static final String STATUS = "status";
  static final String OWNER = "ownerId";
  static final String ROLE = Keys.ROLE;
  static final String GROUP_ID = "groupId";
  static final String INSTRUMENT_ID = "instrumentId";
  static final String TENANT = "tenant";
  static final String NAME = "name";
  static final String SERIAL_NUMBER = "serialNumber";
  static final String CERTIFICATE_ID = "certificateId";
  static final String CERTIFICATE_ARN = "certificateArn";
  static final String CERTIFICATE_PEM = "certificatePem";
  static final String CREATED_AT = "createdAt";
  static final String GRANTED_AT = "grantedAt";
  static final String GRANTED_BY = "grantedBy";

  private InstrumentItems() {}

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static Map<String, AttributeValue> key(String instrumentId) {
    return Map.of(Keys.PK, s(Keys.instrument(instrumentId)), Keys.SK, s(Keys.META));
  }

  /** The grant in the group's partition: the item the authorization path reads. */
  static Map<String, AttributeValue> groupGrantKey(String groupId, String instrumentId) {
    return Map.of(Keys.PK, s(Keys.group(groupId)), Keys.SK, s(Keys.instrumentGrant(instrumentId)));
  }

  /** The same grant in the instrument's partition, so that revoking finds every one. */
  static Map<String, AttributeValue> instrumentGrantKey(String groupId, String instrumentId) {
    return Map.of(Keys.PK, s(Keys.instrument(instrumentId)), Keys.SK, s(Keys.grantedBy(groupId)));
  }

  static Map<String, AttributeValue> item(Instrument i) {
    Map<String, AttributeValue> item = new HashMap<>(key(i.instrumentId()));
    item.put(Keys.TYPE, s("Instrument"));
    item.put(INSTRUMENT_ID, s(i.instrumentId()));
    item.put(OWNER, s(i.ownerId()));
    item.put(TENANT, s(i.tenant()));
    item.put(NAME, s(i.name()));
    item.put(SERIAL_NUMBER, s(i.serialNumber()));
    item.put(CERTIFICATE_ID, s(i.certificateId()));
    item.put(CERTIFICATE_ARN, s(i.certificateArn()));
    item.put(CERTIFICATE_PEM, s(i.certificatePem()));
    item.put(CREATED_AT, s(Times.format(i.createdAt())));
    item.put(STATUS, s(i.status().name()));
    // only ACTIVE instruments are in their owner's list
    item.put(Keys.GSI1_PK, s(Keys.ownedInstruments(i.ownerId())));
    item.put(Keys.GSI1_SK, s(Times.format(i.createdAt()) + "#" + i.instrumentId()));
    return item;
  }

  static Instrument instrument(Map<String, AttributeValue> item) {
    return new Instrument(item.get(INSTRUMENT_ID).s(), item.get(OWNER).s(), item.get(TENANT).s(),
        item.get(NAME).s(), item.get(SERIAL_NUMBER).s(), item.get(CERTIFICATE_ID).s(),
        item.get(CERTIFICATE_ARN).s(), item.get(CERTIFICATE_PEM).s(), java.time.Instant.parse(item.get(CREATED_AT).s()),
        InstrumentStatus.valueOf(item.get(STATUS).s()));
  }

  static Map<String, AttributeValue> groupGrant(InstrumentGrant g) {
    Map<String, AttributeValue> item = new HashMap<>(groupGrantKey(g.groupId(), g.instrumentId()));
    item.put(Keys.TYPE, s("InstrumentGrant"));
    item.put(GROUP_ID, s(g.groupId()));
    item.put(INSTRUMENT_ID, s(g.instrumentId()));
    item.put(ROLE, s(InstrumentGrant.ROLE.name()));
    item.put(NAME, s(g.name()));
    item.put(GRANTED_AT, s(Times.format(g.grantedAt())));
    item.put(GRANTED_BY, s(g.grantedBy()));
    return item;
  }

  static Map<String, AttributeValue> instrumentGrant(InstrumentGrant g) {
    Map<String, AttributeValue> item = new HashMap<>(instrumentGrantKey(g.groupId(), g.instrumentId()));
    item.put(Keys.TYPE, s("InstrumentGrantRef"));
    item.put(GROUP_ID, s(g.groupId()));
    return item;
  }

  static InstrumentGrant grant(Map<String, AttributeValue> item) {
    return new InstrumentGrant(item.get(GROUP_ID).s(), item.get(INSTRUMENT_ID).s(), item.get(NAME).s(),
        java.time.Instant.parse(item.get(GRANTED_AT).s()), item.get(GRANTED_BY).s());
  }
}
