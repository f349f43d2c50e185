package org.labvault.monitor.adapter;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.labvault.monitor.port.AlarmStore;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.http.Page;
import org.labvault.shared.http.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Alarms in the LabVault table as {@link org.labvault.shared.aws.DynamoAlarmLog} stores them: one
 * partition per UTC day, ordered by time then id. Reading goes day after day from the day of
 * {@code since} to today, as the audit trail is read.
 */
public final class DynamoAlarmStore implements AlarmStore {

  /** How far back {@code since} may reach: each day is one query, even when it holds nothing. */
  public static final int MAX_DAYS = 366;
  static final String PUBLISHED_AT = "publishedAt";

  private final DynamoDbClient dynamo;
  private final PageTokens tokens;
  private final Clock clock;
  private final String table;

  @Inject
  public DynamoAlarmStore(DynamoDbClient dynamo, PageTokens tokens, Clock clock, Config config) {
    this.dynamo = dynamo;
    this.tokens = tokens;
    this.clock = clock;
    this.table = config.require(Config.Names.TABLE_NAME);
  }

  @Override
  public Page<Alarm> since(Instant since, PageRequest page) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate first = LocalDate.ofInstant(since, ZoneOffset.UTC);
    if (ChronoUnit.DAYS.between(first, today) > MAX_DAYS) {
      throw ValidationException.field("since", "must be within the last " + MAX_DAYS + " days");
    }
    String from = Times.format(since);
    String list = "alarms:" + from;
    Map<String, AttributeValue> start = tokens.decode(page.nextToken(), list, PageTokens.TABLE_KEY);
    LocalDate day = start == null ? first : dayOf(start.get(Keys.PK).s(), first, today);
    List<Alarm> items = new ArrayList<>();
    Map<String, AttributeValue> last = null;
    while (!day.isAfter(today) && items.size() < page.limit()) {
      Map<String, AttributeValue> exclusiveStart = start;
      String partition = Keys.alarmDay(day.toString());
      int wanted = page.limit() - items.size();
      QueryResponse res = dynamo.query(q -> q.tableName(table)
          .keyConditionExpression("#pk = :day AND #sk >= :from")
          .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
          .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(partition), ":from", AttributeValue.fromS(from)))
          .exclusiveStartKey(exclusiveStart).limit(wanted));
      for (Map<String, AttributeValue> item : res.items()) {
        items.add(alarm(item));
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
    String next = more && last != null && items.size() >= page.limit()
        ? tokens.encode(list, Map.of(Keys.PK, last.get(Keys.PK), Keys.SK, last.get(Keys.SK))) : null;
    return new Page<>(items, next);
  }

  @Override
  public boolean published(Alarm alarm) {
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(alarm)).consistentRead(true)
        .projectionExpression("#p").expressionAttributeNames(Map.of("#p", PUBLISHED_AT))).item();
    return item != null && item.containsKey(PUBLISHED_AT);
  }

  @Override
  public void markPublished(Alarm alarm, Instant at) {
    try {
      dynamo.updateItem(r -> r.tableName(table).key(key(alarm))
          .updateExpression("SET #p = :at")
          .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#p)")
          .expressionAttributeNames(Map.of("#p", PUBLISHED_AT, "#pk", Keys.PK))
          .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Times.format(at)))));
    } catch (ConditionalCheckFailedException e) {
      // marked by an earlier delivery of the same record
    }
  }

  private static Map<String, AttributeValue> key(Alarm a) {
    String at = Times.format(a.at());
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.alarmDay(at.substring(0, 10))),
        Keys.SK, AttributeValue.fromS(Keys.alarmMoment(at, a.alarmId())));
  }

  private static Alarm alarm(Map<String, AttributeValue> item) {
    return new Alarm(item.get("alarmId").s(), Instant.parse(item.get("at").s()),
        Alarm.AlarmType.valueOf(item.get("alarmType").s()), Alarm.IncidentCategory.valueOf(item.get("category").s()),
        item.get("actor").s(), item.containsKey("detail") ? item.get("detail").s() : null);
  }

  /** The day a genuine token's key is in; a token can only name a day this list reads. */
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
}
