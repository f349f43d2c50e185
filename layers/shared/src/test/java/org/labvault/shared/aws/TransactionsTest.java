package org.labvault.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.audit.AuditChains;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TransactionsTest {

  private final EmbeddedTable table = new EmbeddedTable();

  @AfterEach
  void close() {
    table.close();
  }

  @Test
  void write_shouldThrowTheFailureOfTheSecondItem_whenOnlyItsConditionFails() {
    // given
    Transactions.write(table.client(), List.of(putNew("taken")));
    // when / then
    assertThatThrownBy(() -> Transactions.write(table.client(), List.of(putNew("free"), putNew("taken"))))
        .isInstanceOf(Taken.class).hasMessage("taken");
    assertThat(thing("free")).isEmpty();
  }

  @Test
  void write_shouldThrowTheFailureOfTheFirstItem_whenOnlyItsConditionFails() {
    // given
    Transactions.write(table.client(), List.of(putNew("taken")));
    // when / then
    assertThatThrownBy(() -> Transactions.write(table.client(), List.of(putNew("taken"), putNew("free"))))
        .isInstanceOf(Taken.class).hasMessage("taken");
    assertThat(thing("free")).isEmpty();
  }

  @Test
  void write_shouldAnswerWithTheConditionalItem_whenAnItemWithoutConditionComesFirst() {
    // given
    Transactions.write(table.client(), List.of(putNew("taken")));
    // when / then
    assertThatThrownBy(() -> Transactions.write(table.client(),
        List.of(Tx.put(EmbeddedTable.NAME, key("anyway")), Tx.check(EmbeddedTable.NAME, key("missing"),
            "attribute_exists(#pk)", Map.of("#pk", Keys.PK), Map.of(), () -> new Taken("missing is missing")))))
        .isInstanceOf(Taken.class).hasMessage("missing is missing");
    assertThat(thing("anyway")).isEmpty();
  }

  @Test
  void write_shouldThrowTheChangesOwnFailure_whenItsSecondItemFailsInsideAnAuditedChange() {
    // given: the change's items come before the audit record's own two
    var audit = new DynamoAuditLog(table.client(),
        Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, "1")));
    Transactions.write(table.client(), List.of(putNew("taken")));
    AuditEvent event = new AuditEvent("user-1", "group:create", "group:g1", AuditEvent.Decision.ALLOW, "ADMIN",
        "req-1", Instant.parse("2026-01-02T03:04:05Z"));
    // when / then
    assertThatThrownBy(() -> audit.recordWith(event, () -> {
      Transactions.write(table.client(), List.of(putNew("free"), putNew("taken")));
      return null;
    })).isInstanceOf(Taken.class).hasMessage("taken");
    assertThat(thing("free")).isEmpty();
    assertThat(table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).consistentRead(true)
        .key(AuditItems.headKey(AuditChains.of("req-1", 1)))).item()).isEmpty();
  }

  @Test
  void tx_shouldRefuseAConditionalItemWithoutTheFailureItStandsFor() {
    assertThatThrownBy(() -> Tx.check(EmbeddedTable.NAME, key("x"), "attribute_exists(#pk)", Map.of("#pk", Keys.PK),
        Map.of(), null)).isInstanceOf(NullPointerException.class);
  }

  private static TxItem putNew(String id) {
    return Tx.put(EmbeddedTable.NAME, key(id), "attribute_not_exists(#pk)", Map.of("#pk", Keys.PK), Map.of(),
        () -> new Taken(id));
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of(Keys.PK, AttributeValue.fromS("THING#" + id), Keys.SK, AttributeValue.fromS("META"));
  }

  private Map<String, AttributeValue> thing(String id) {
    return table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).consistentRead(true).key(key(id))).item();
  }

  /** The failure a test item stands for, named after the item. */
  private static final class Taken extends RuntimeException {
    Taken(String id) {
      super(id);
    }
  }
}
