package org.labvault.monitor.adapter;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import org.labvault.monitor.port.AlarmPublisher;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The alarms topic: the body is the alarm as GET /ops/alarms shows it; {@code type} and
 * {@code category} are message attributes, so a subscriber can filter (a pager on CYBER_SECURITY only).
 */
public final class SnsAlarmPublisher implements AlarmPublisher {

  private final SnsClient sns;
  private final Json json;
  private final String topicArn;

  @Inject
  public SnsAlarmPublisher(SnsClient sns, Json json, Config config) {
    this.sns = sns;
    this.json = json;
    this.topicArn = config.require(Config.Names.ALARMS_TOPIC_ARN);
  }

  @Override
  public void publish(Alarm alarm) {
    sns.publish(r -> r.topicArn(topicArn).subject("LabVault alarm " + alarm.type().name())
        .message(json.write(body(alarm)))
        .messageAttributes(Map.of(
            "type", attribute(alarm.type().name()),
            "category", attribute(alarm.category().name()))));
  }

  /** The contract's alarm shape. */
  public static Map<String, Object> body(Alarm alarm) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("alarmId", alarm.alarmId());
    body.put("at", Times.format(alarm.at()));
    body.put("type", alarm.type().name());
    body.put("category", alarm.category().name());
    body.put("actor", alarm.actor());
    body.put("detail", alarm.detail());
    return body;
  }

  private static MessageAttributeValue attribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
