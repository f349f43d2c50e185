package org.labvault.local.iot.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.labvault.shared.json.Json;

/** A successful answer: 200 with a JSON body, or with none (most IoT writes answer an empty body). */
record IotResponse(byte[] body) {

  static final IotResponse EMPTY = new IotResponse(new byte[0]);

  static IotResponse json(ObjectNode node) {
    return new IotResponse(Json.instance().write(node).getBytes(StandardCharsets.UTF_8));
  }

  static ObjectNode object() {
    return Json.instance().mapper().createObjectNode();
  }
}
