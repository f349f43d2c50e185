package org.labvault.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A function subscribed to a topic, for the stack tests: records every notification it is invoked
 * with (as the runtime decodes SNSEvent), and fails on a message containing "poison".
 */
public final class SnsRecorder implements RequestHandler<SNSEvent, Void> {

  public static final List<SNSEvent.SNS> SEEN = new CopyOnWriteArrayList<>();

  public SnsRecorder(Map<String, String> environment) {
    // the environment is not needed
  }

  @Override
  public Void handleRequest(SNSEvent event, Context context) {
    for (SNSEvent.SNSRecord record : event.getRecords()) {
      SEEN.add(record.getSNS());
      if (record.getSNS().getMessage().contains("poison")) {
        throw new IllegalStateException("poison message " + record.getSNS().getMessageId());
      }
    }
    return null;
  }
}
