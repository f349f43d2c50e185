package org.labvault.local.iot.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The policy variables of one request, as IoT Core resolves them for an MQTT connection made
 * with a certificate: a variable that cannot be resolved (no thing attached) is absent, and a
 * statement that needs it does not apply.
 */
public final class Variables {

  public static final String CLIENT_ID = "iot:ClientId";
  public static final String THING_NAME = "iot:Connection.Thing.ThingName";
  public static final String THING_IS_ATTACHED = "iot:Connection.Thing.IsAttached";

  private Variables() {}

  /**
   * The variables of a connection.
   *
   * @param attachedThing the thing the certificate is attached to (IoT Core determines the thing
   *     from the certificate), or null
   */
  public static Map<String, String> of(String clientId, String attachedThing) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put(CLIENT_ID, clientId);
    if (attachedThing != null) {
      variables.put(THING_NAME, attachedThing);
    }
    variables.put(THING_IS_ATTACHED, String.valueOf(attachedThing != null));
    return variables;
  }
}
