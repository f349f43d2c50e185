package org.labvault.monitor;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.labvault.shared.stream.StreamResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of the table's stream: audit records through the rules, stored alarms onto the topic.
 * Records are handled in order up to the first that fails, which is reported by its sequence number;
 * Lambda then delivers it and every later one again, which the idempotent steps allow. The later
 * ones wait: counted past a failed record, they could move a burst's window on before it is redone.
 */
final class MonitorBatch {

  private static final Logger LOG = LoggerFactory.getLogger(MonitorBatch.class);

  private final AuditMonitor monitor;
  private final AlarmPublication publication;

  @Inject
  MonitorBatch(AuditMonitor monitor, AlarmPublication publication) {
    this.monitor = monitor;
    this.publication = publication;
  }

  /** @return the sequence numbers of the records that failed */
  List<String> process(List<DynamodbStreamRecord> records) {
    List<String> failed = new ArrayList<>();
    for (DynamodbStreamRecord record : records) {
      try {
        switch (MonitorStreamRecords.of(record)) {
          case MonitorStreamRecords.AuditRecorded r -> monitor.observe(r.fact());
          case MonitorStreamRecords.AlarmStored a -> publication.publishOnce(a.alarm());
          case MonitorStreamRecords.Other o -> { }
        }
      } catch (RuntimeException e) {
        LOG.warn("stream record {} not processed: {}", StreamResponses.sequenceNumber(record), e.toString());
        failed.add(StreamResponses.sequenceNumber(record));
        break;
      }
    }
    return failed;
  }
}
