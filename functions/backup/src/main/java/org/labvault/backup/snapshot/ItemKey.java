package org.labvault.backup.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.json.Json;

/** The primary key of an item line: its {@code pk} and {@code sk} values as DynamoDB JSON text. */
record ItemKey(String pk, String sk) {

  /** @throws IllegalArgumentException when the line is not an item with a pk and an sk */
  static ItemKey of(String line) {
    JsonNode item;
    try {
      item = Json.instance().mapper().readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (item == null || !item.isObject() || !item.has(Keys.PK) || !item.has(Keys.SK)) {
      throw new IllegalArgumentException("not an item with a pk and an sk");
    }
    return new ItemKey(item.get(Keys.PK).toString(), item.get(Keys.SK).toString());
  }
}
