package org.labvault.audit.adapter;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.audit.domain.Digest;
import org.labvault.audit.domain.DigestHead;
import org.labvault.audit.domain.DigestTip;
import org.labvault.audit.domain.StoredDigest;
import org.labvault.audit.port.DigestLog;
import org.labvault.shared.aws.AuditItems;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.Transactions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.aws.TxItem;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Digests in the partition {@link Keys#AUDIT_DIGESTS}, appended like audit records: one transaction
 * moves the HEAD on, conditional on the seq just read, and puts the digest, conditional on its key
 * being new. Two writers never share a seq, and the digests never fork.
 */
public final class DynamoDigestLog implements DigestLog {

  static final String TYPE_DIGEST = "AuditDigest";
  static final String TYPE_HEAD = "AuditDigestHead";
  /** On the HEAD and on each digest: the digest's seq and signature (the HEAD's are the last digest's). */
  static final String SEQ = "seq";
  static final String AT = "at";
  static final String HEADS = "heads";
  static final String PREV_SIGNATURE = "prevSignature";
  static final String KEY_ID = "keyId";
  static final String ALGORITHM = "algorithm";
  static final String CHAIN = "chain";
  static final String HASH = "hash";
  static final String SIGNATURE = "signature";

  private final DynamoDbClient dynamo;
  private final String table;

  @Inject
  public DynamoDigestLog(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public Optional<DigestTip> tip() {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(Keys.AUDIT_HEAD)).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DigestTip(AuditItems.number(item, SEQ), AuditItems.text(item, SIGNATURE)));
  }

  @Override
  public void append(Digest next, Optional<DigestTip> after) {
    Map<String, String> names = new HashMap<>(Map.of("#seq", SEQ, "#signature", SIGNATURE, "#type", Keys.TYPE));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":seq", AttributeValue.fromN(Long.toString(next.seq())),
        ":signature", AttributeValue.fromS(next.signature()), ":type", AttributeValue.fromS(TYPE_HEAD)));
    String condition;
    if (after.isEmpty()) {
      condition = "attribute_not_exists(#pk)";
      names.put("#pk", Keys.PK);
    } else {
      condition = "#seq = :read";
      values.put(":read", AttributeValue.fromN(Long.toString(after.get().seq())));
    }
    // either item's condition fails only when another digest took the seq
    TxItem head = Tx.update(table, key(Keys.AUDIT_HEAD), "SET #seq = :seq, #signature = :signature, #type = :type",
        condition, names, values, () -> new RaceLost(null));
    TxItem digest = Tx.put(table, item(next), "attribute_not_exists(#pk)", Map.of("#pk", Keys.PK), Map.of(),
        () -> new RaceLost(null));
    try {
      Transactions.writeOnce(dynamo, List.of(head, digest));
    } catch (TransactionCanceledException e) {
      if (Transactions.conflicted(e)) {
        throw new RaceLost(e);
      }
      throw e;
    }
  }

  @Override
  public Iterable<StoredDigest> all() {
    SdkIterable<Map<String, AttributeValue>> items = dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
        .keyConditionExpression("#pk = :digests AND begins_with(#sk, :seqs)")
        .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
        .expressionAttributeValues(Map.of(":digests", AttributeValue.fromS(Keys.AUDIT_DIGESTS),
            ":seqs", AttributeValue.fromS(Keys.AUDIT_RECORD_PREFIX)))).items();
    return () -> {
      Iterator<Map<String, AttributeValue>> it = items.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public StoredDigest next() {
          Map<String, AttributeValue> item = it.next();
          return new StoredDigest(position(item), digest(item));
        }
      };
    };
  }

  static Map<String, AttributeValue> key(String sk) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.AUDIT_DIGESTS), Keys.SK, AttributeValue.fromS(sk));
  }

  static Map<String, AttributeValue> item(Digest d) {
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.auditRecord(d.seq())));
    item.put(Keys.TYPE, AttributeValue.fromS(TYPE_DIGEST));
    item.put(SEQ, AttributeValue.fromN(Long.toString(d.seq())));
    item.put(AT, AttributeValue.fromS(d.at()));
    item.put(HEADS, AttributeValue.fromL(d.heads().stream().map(h -> AttributeValue.fromM(Map.of(
        CHAIN, AttributeValue.fromN(Integer.toString(h.chain())),
        SEQ, AttributeValue.fromN(Long.toString(h.seq())),
        HASH, AttributeValue.fromS(h.hash())))).toList()));
    item.put(PREV_SIGNATURE, AttributeValue.fromS(d.prevSignature()));
    item.put(KEY_ID, AttributeValue.fromS(d.keyId()));
    item.put(ALGORITHM, AttributeValue.fromS(d.algorithm()));
    item.put(SIGNATURE, AttributeValue.fromS(d.signature()));
    return item;
  }

  /**
   * The digest an item holds, as it is stored: a tampered item reads back tampered, a missing
   * attribute as null (a number as -1), so the verifier reports rather than fails.
   */
  static Digest digest(Map<String, AttributeValue> item) {
    AttributeValue heads = item.get(HEADS);
    List<DigestHead> list = heads == null || !heads.hasL() ? List.of()
        : heads.l().stream().map(h -> h.hasM() ? h.m() : Map.<String, AttributeValue>of())
            .map(h -> new DigestHead((int) AuditItems.number(h, CHAIN), AuditItems.number(h, SEQ), AuditItems.text(h, HASH))).toList();
    return new Digest(AuditItems.number(item, SEQ), AuditItems.text(item, AT), list, AuditItems.text(item, PREV_SIGNATURE), AuditItems.text(item, KEY_ID),
        AuditItems.text(item, ALGORITHM), AuditItems.text(item, SIGNATURE));
  }

  private static long position(Map<String, AttributeValue> item) {
    String sk = AuditItems.text(item, Keys.SK);
    try {
      return Long.parseLong(sk.substring(Keys.AUDIT_RECORD_PREFIX.length()));
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
