package org.labvault.monitor.adapter;

import java.util.Map;
import javax.inject.Inject;
import org.labvault.monitor.domain.AlarmView;
import org.labvault.monitor.port.AlarmPublisher;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
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
        .message(json.write(AlarmView.of(alarm)))
        .messageAttributes(Map.of(
            "type", attribute(alarm.type().name()),
            "category", attribute(alarm.category().name()))));
  }

  private static MessageAttributeValue attribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
