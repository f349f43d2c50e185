package org.labvault.monitor;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.time.Instant;
import org.labvault.monitor.domain.AuditFact;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.AlarmItems;
import org.labvault.shared.aws.AuditItems;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.StreamImage;

/** What one record of the table's stream is to the monitor, read from its new image alone. */
final class MonitorStreamRecords {

  /** A new audit record, a new stored alarm, or anything else (left alone). */
  sealed interface Change {}

  record AuditRecorded(AuditFact fact) implements Change {}

  record AlarmStored(Alarm alarm) implements Change {}

  record Other() implements Change {}

  static final Other OTHER = new Other();

  private MonitorStreamRecords() {}

  static Change of(DynamodbStreamRecord record) {
    var stream = record.getDynamodb();
    // the mapping's filter lets only inserts through; anything else is ignored here as well
    if (stream == null || stream.getNewImage() == null || !"INSERT".equals(record.getEventName())) {
      return OTHER;
    }
    StreamImage image = StreamImage.of(stream.getNewImage());
    String type = image.text(Keys.TYPE);
    if (AuditItems.TYPE_RECORD.equals(type)) {
      return new AuditRecorded(new AuditFact((int) image.requiredNumber(AuditItems.CHAIN),
          image.requiredNumber(AuditItems.SEQ), Instant.parse(image.requiredText(AuditItems.AT)),
          image.requiredText(AuditItems.ACTOR), image.requiredText(AuditItems.ACTION), image.text(AuditItems.RESOURCE),
          AuditEvent.Decision.ALLOW.name().equals(image.requiredText(AuditItems.DECISION)),
          image.text(AuditItems.REQUEST_ID)));
    }
    if (AlarmItems.TYPE_ALARM.equals(type)) {
      return new AlarmStored(AlarmItems.alarm(image));
    }
    return OTHER;
  }
}
