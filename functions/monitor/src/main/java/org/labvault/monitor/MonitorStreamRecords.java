package org.labvault.monitor;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.time.Instant;
import java.util.Map;
import org.labvault.monitor.domain.AuditFact;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.aws.AuditItems;

/** What one record of the table's stream is to the monitor, read from its new image alone. */
final class MonitorStreamRecords {

  /** A new audit record, a new stored alarm, or anything else (left alone). */
  sealed interface Change {}

  record AuditRecorded(AuditFact fact) implements Change {}

  record AlarmStored(Alarm alarm) implements Change {}

  record Other() implements Change {}

  static final Other OTHER = new Other();
  private static final String ALARM_TYPE = "Alarm";

  private MonitorStreamRecords() {}

  static Change of(DynamodbStreamRecord record) {
    var stream = record.getDynamodb();
    // the mapping's filter lets only inserts through; anything else is ignored here as well
    if (stream == null || stream.getNewImage() == null || !"INSERT".equals(record.getEventName())) {
      return OTHER;
    }
    Map<String, AttributeValue> image = stream.getNewImage();
    String type = str(image, "type");
    if (AuditItems.TYPE_RECORD.equals(type)) {
      return new AuditRecorded(new AuditFact(Integer.parseInt(num(image, "chain")), Long.parseLong(num(image, "seq")),
          Instant.parse(required(image, "at")), required(image, "actor"), required(image, "action"),
          str(image, "resource"), "ALLOW".equals(required(image, "decision")), str(image, "requestId")));
    }
    if (ALARM_TYPE.equals(type)) {
      return new AlarmStored(new Alarm(required(image, "alarmId"), Instant.parse(required(image, "at")),
          Alarm.AlarmType.valueOf(required(image, "alarmType")), Alarm.IncidentCategory.valueOf(required(image, "category")),
          required(image, "actor"), str(image, "detail")));
    }
    return OTHER;
  }

  private static String required(Map<String, AttributeValue> image, String name) {
    String v = str(image, name);
    if (v == null) {
      throw new IllegalArgumentException("the stream image has no " + name);
    }
    return v;
  }

  private static String str(Map<String, AttributeValue> image, String name) {
    AttributeValue v = image.get(name);
    return v == null ? null : v.getS();
  }

  private static String num(Map<String, AttributeValue> image, String name) {
    AttributeValue v = image.get(name);
    if (v == null || v.getN() == null) {
      throw new IllegalArgumentException("the stream image has no number " + name);
    }
    return v.getN();
  }
}
