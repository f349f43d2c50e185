package org.labvault.ops.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labvault.ops.domain.Notice;
import org.labvault.ops.domain.Severity;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.testing.EmbeddedTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoNoticeRepositoryTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final EmbeddedTable table = new EmbeddedTable();
  private final Config config = Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME,
      Config.Names.PAGE_TOKEN_KEY, "0123456789abcdef0123456789abcdef"));
  private final DynamoNoticeRepository notices = new DynamoNoticeRepository(table.client(), config, new PageTokens(config));

  @AfterEach
  void close() {
    table.close();
  }

  @Test
  void insert_shouldStoreTheItemAsBefore_withTheSameAttributeNamesAndTypes() {
    // when
    notices.insert(notice("n-1", T0, T0.plusSeconds(3600), Set.of("acme")));
    // then: the layout notices were stored in, so that stored ones still read
    Map<String, AttributeValue> item = stored("2026-03-01T11:00:00Z#n-1");
    Map<String, AttributeValue> expected = new HashMap<>(Map.of(
        "pk", AttributeValue.fromS("NOTICE"), "sk", AttributeValue.fromS("2026-03-01T11:00:00Z#n-1"),
        "type", AttributeValue.fromS("Notice"), "noticeId", AttributeValue.fromS("n-1"),
        "message", AttributeValue.fromS("maintenance"), "severity", AttributeValue.fromS("WARNING"),
        "startsAt", AttributeValue.fromS("2026-03-01T10:00:00Z"), "endsAt", AttributeValue.fromS("2026-03-01T11:00:00Z"),
        "tenants", AttributeValue.fromSs(List.of("acme")), "createdAt", AttributeValue.fromS("2026-03-01T10:00:00Z")));
    expected.put("createdBy", AttributeValue.fromS("op-1"));
    expected.put("ttl", AttributeValue.fromN(Long.toString(T0.plusSeconds(3600).getEpochSecond() + 90 * 86_400)));
    assertThat(item).isEqualTo(expected);
  }

  @Test
  void insert_shouldLeaveTenantsOut_forANoticeToEveryone() {
    notices.insert(notice("n-2", T0, T0.plusSeconds(60), Set.of()));
    assertThat(stored("2026-03-01T10:01:00Z#n-2")).doesNotContainKey("tenants");
  }

  @Test
  void insert_shouldAnswerAlreadyExists_forTheSameNoticeTwice() {
    Notice notice = notice("n-3", T0, T0.plusSeconds(60), Set.of());
    notices.insert(notice);
    assertThatThrownBy(() -> notices.insert(notice)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("exists");
  }

  @Test
  void active_shouldListStartedNoticesThatHaveNotEnded_forEveryoneOrTheReadersTenant() {
    // given
    Notice everyone = notice("n-all", T0, T0.plusSeconds(600), Set.of());
    Notice acme = notice("n-acme", T0, T0.plusSeconds(700), Set.of("acme", "beta"));
    notices.insert(everyone);
    notices.insert(acme);
    notices.insert(notice("n-other", T0, T0.plusSeconds(800), Set.of("other")));
    notices.insert(notice("n-ended", T0, T0.plusSeconds(60), Set.of()));
    notices.insert(notice("n-later", T0.plusSeconds(300), T0.plusSeconds(900), Set.of()));
    Instant now = T0.plusSeconds(120);
    // when
    Page<Notice> forAcme = notices.active("acme", now, new PageRequest(10, null));
    Page<Notice> forNoTenant = notices.active(null, now, new PageRequest(10, null));
    // then
    assertThat(forAcme.items()).containsExactly(everyone, acme);
    assertThat(forNoTenant.items()).containsExactly(everyone);
  }

  @Test
  void active_shouldPageThroughTheNotices_inTheOrderTheyEnd() {
    // given
    Notice first = notice("n-a", T0, T0.plusSeconds(600), Set.of());
    Notice second = notice("n-b", T0, T0.plusSeconds(700), Set.of());
    notices.insert(second);
    notices.insert(first);
    // when
    Page<Notice> one = notices.active(null, T0, new PageRequest(1, null));
    Page<Notice> two = notices.active(null, T0, new PageRequest(1, one.nextToken()));
    // then
    assertThat(one.items()).containsExactly(first);
    assertThat(one.nextToken()).isNotNull();
    assertThat(two.items()).containsExactly(second);
  }

  @Test
  void active_shouldReadANoticeStoredBefore() {
    // given: an item written in the stored layout, not through this repository
    Map<String, AttributeValue> item = new HashMap<>(Map.of(
        "pk", AttributeValue.fromS("NOTICE"), "sk", AttributeValue.fromS("2026-03-01T11:00:00Z#n-old"),
        "type", AttributeValue.fromS("Notice"), "noticeId", AttributeValue.fromS("n-old"),
        "message", AttributeValue.fromS("maintenance"), "severity", AttributeValue.fromS("WARNING"),
        "startsAt", AttributeValue.fromS("2026-03-01T10:00:00Z"), "endsAt", AttributeValue.fromS("2026-03-01T11:00:00Z"),
        "tenants", AttributeValue.fromSs(List.of("acme")), "createdAt", AttributeValue.fromS("2026-03-01T10:00:00Z")));
    item.put("createdBy", AttributeValue.fromS("op-1"));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
    // when
    Page<Notice> page = notices.active("acme", T0.plusSeconds(60), new PageRequest(10, null));
    // then
    assertThat(page.items()).containsExactly(notice("n-old", T0, T0.plusSeconds(3600), Set.of("acme")));
  }

  private static Notice notice(String id, Instant startsAt, Instant endsAt, Set<String> tenants) {
    return new Notice(id, "maintenance", Severity.WARNING, startsAt, endsAt, tenants, T0, "op-1");
  }

  private Map<String, AttributeValue> stored(String sk) {
    return table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("NOTICE"), "sk", AttributeValue.fromS(sk)))).item();
  }
}
