package org.labvault.shared.aws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How an alarm looks as an item of the LabVault table: one partition per UTC day, ordered by time then id. */
public final class AlarmItems {
  public static final String TYPE_ALARM = "Alarm";
  public static final String ALARM_ID = "alarmId";
  public static final String AT = "at";
  public static final String ALARM_TYPE = "alarmType";
  public static final String CATEGORY = "category";
  public static final String ACTOR = "actor";
  public static final String DETAIL = "detail";
  /** When the monitor routed the alarm to the operators' topic; absent until then. */
  public static final String PUBLISHED_AT = "publishedAt";

  private AlarmItems() {}

  public static Map<String, AttributeValue> key(Alarm a) {
    String at = Times.format(a.at());
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.alarmDay(a.at().atOffset(ZoneOffset.UTC).toLocalDate().toString())),
        Keys.SK, AttributeValue.fromS(Keys.alarmMoment(at, a.alarmId())));
  }

  public static Map<String, AttributeValue> item(Alarm a) {
    Map<String, AttributeValue> item = new HashMap<>(key(a));
    item.put(Keys.TYPE, AttributeValue.fromS(TYPE_ALARM));
    item.put(ALARM_ID, AttributeValue.fromS(a.alarmId()));
    item.put(AT, AttributeValue.fromS(Times.format(a.at())));
    item.put(ALARM_TYPE, AttributeValue.fromS(a.type().name()));
    item.put(CATEGORY, AttributeValue.fromS(a.category().name()));
    item.put(ACTOR, AttributeValue.fromS(a.actor()));
    if (a.detail() != null) {
      item.put(DETAIL, AttributeValue.fromS(a.detail()));
    }
    return item;
  }

  public static Alarm alarm(Map<String, AttributeValue> item) {
    return new Alarm(item.get(ALARM_ID).s(), Instant.parse(item.get(AT).s()),
        Alarm.AlarmType.valueOf(item.get(ALARM_TYPE).s()), Alarm.IncidentCategory.valueOf(item.get(CATEGORY).s()),
        item.get(ACTOR).s(), item.containsKey(DETAIL) ? item.get(DETAIL).s() : null);
  }

  /** The alarm a stream record's new image holds. */
  public static Alarm alarm(StreamImage image) {
    return new Alarm(image.requiredText(ALARM_ID), Instant.parse(image.requiredText(AT)),
        Alarm.AlarmType.valueOf(image.requiredText(ALARM_TYPE)),
        Alarm.IncidentCategory.valueOf(image.requiredText(CATEGORY)), image.requiredText(ACTOR), image.text(DETAIL));
  }
}
