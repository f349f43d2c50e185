package org.labvault.shared.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.instrument.port.Things;

/** IoT Core's registry in memory: what was registered and revoked, and a switch to refuse CSRs. */
public final class FakeThings implements Things {

  public static final String MQTT = "mqtts://iot.example.test:8883";

  /** thing name -> its certificate id, while registered. */
  public final Map<String, String> registered = new HashMap<>();
  /** Certificate ids revoked, in order. */
  public final List<String> revoked = new ArrayList<>();
  public volatile boolean refuseCsrs;
  private int issued;

  @Override
  public synchronized Issued register(String thingName, String csrPem) {
    if (refuseCsrs) {
      throw ValidationException.field("csrPem", "IoT Core refused the certificate signing request");
    }
    String id = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putInt(++issued).array());
    registered.put(thingName, id);
    return new Issued(id, "arn:aws:iot:eu-west-1:111122223333:cert/" + id,
        "-----BEGIN CERTIFICATE-----\nMIIB" + issued + "\n-----END CERTIFICATE-----\n");
  }

  @Override
  public synchronized void revoke(String thingName, String certificateArn, String certificateId) {
    registered.remove(thingName);
    revoked.add(certificateId);
  }

  @Override
  public String mqttEndpoint() {
    return MQTT;
  }
}
