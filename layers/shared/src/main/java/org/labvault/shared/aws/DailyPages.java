package org.labvault.shared.aws;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.inject.Inject;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * An operators' list kept in one partition per UTC day, sorted by time (the audit records, the
 * alarms): read oldest first from {@code since}, day after day up to today, and paged with signed
 * tokens like every list.
 */
public final class DailyPages {

  /** How far back {@code since} may reach: each day is one query, even when it holds nothing. */
  public static final int MAX_DAYS = 366;

  /**
   * Where the days are.
   *
   * @param indexName the index holding them, or null for the table
   * @param pk the partition key's attribute, {@code <PREFIX>#<yyyy-mm-dd>}
   * @param sk the sort key's attribute, starting with the item's RFC 3339 time
   * @param tokenKey the attributes of a page's last item that a token carries
   * @param partitionOfDay the partition of one day, given {@code yyyy-mm-dd}
   */
  public record Days(String indexName, String pk, String sk, Set<String> tokenKey, Function<String, String> partitionOfDay) {}

  private final DynamoDbClient dynamo;
  private final PageTokens tokens;
  private final Clock clock;
  private final String table;

  @Inject
  public DailyPages(DynamoDbClient dynamo, PageTokens tokens, Clock clock, Config config) {
    this.dynamo = dynamo;
    this.tokens = tokens;
    this.clock = clock;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  /**
   * One page of the items at or after {@code since}.
   *
   * @param list names the list in its tokens: a token of another list or {@code since} is refused
   */
  public <T> Page<T> since(Days days, String list, Instant since, PageRequest page, Function<Map<String, AttributeValue>, T> read) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate first = LocalDate.ofInstant(since, ZoneOffset.UTC);
    if (ChronoUnit.DAYS.between(first, today) > MAX_DAYS) {
      throw ValidationException.field("since", "must be within the last " + MAX_DAYS + " days");
    }
    String from = Times.format(since);
    String listed = list + ":" + from;
    Map<String, AttributeValue> start = tokens.decode(page.nextToken(), listed, days.tokenKey());
    LocalDate day = start == null ? first : dayOf(start.get(days.pk()).s(), first, today);
    List<T> items = new ArrayList<>();
    Map<String, AttributeValue> last = null;
    while (!day.isAfter(today) && items.size() < page.limit()) {
      Map<String, AttributeValue> exclusiveStart = start;
      String partition = days.partitionOfDay().apply(day.toString());
      int wanted = page.limit() - items.size();
      QueryResponse res = dynamo.query(q -> q.tableName(table).indexName(days.indexName())
          .keyConditionExpression("#pk = :day AND #sk >= :from")
          .expressionAttributeNames(Map.of("#pk", days.pk(), "#sk", days.sk()))
          .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(partition), ":from", AttributeValue.fromS(from)))
          .exclusiveStartKey(exclusiveStart).limit(wanted));
      for (Map<String, AttributeValue> item : res.items()) {
        items.add(read.apply(item));
        last = item;
      }
      if (res.hasLastEvaluatedKey() && !res.lastEvaluatedKey().isEmpty()) {
        start = res.lastEvaluatedKey();
      } else {
        start = null;
        day = day.plusDays(1);
      }
    }
    boolean more = start != null || !day.isAfter(today);
    String next = more && last != null && items.size() >= page.limit() ? tokens.encode(listed, keyOf(last, days)) : null;
    return new Page<>(items, next);
  }

  /** The day a token's partition names, if it lies between {@code since}'s day and today. */
  private static LocalDate dayOf(String partition, LocalDate first, LocalDate today) {
    try {
      LocalDate day = LocalDate.parse(partition.substring(partition.indexOf('#') + 1));
      if (!day.isBefore(first) && !day.isAfter(today)) {
        return day;
      }
    } catch (DateTimeParseException | IndexOutOfBoundsException e) {
      // reported below
    }
    throw ValidationException.field("nextToken", "is not a token this list issued");
  }

  private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, Days days) {
    Map<String, AttributeValue> key = new HashMap<>();
    for (String name : days.tokenKey()) {
      key.put(name, item.get(name));
    }
    return key;
  }
}
