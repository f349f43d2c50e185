package org.labvault.backup.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.labvault.backup.snapshot.adapter.ItemJson;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** A metadata table full of varied items, the configuration the snapshot reads, and part bytes. */
final class SnapshotFixtures {

  static final String DRILL_PREFIX = "labvault-test-drill-";

  private SnapshotFixtures() {}

  static Config config(String segments) {
    Map<String, String> env = new HashMap<>(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME,
        Config.Names.BACKUP_BUCKET, "labvault-test-backup", Config.Names.DRILL_TABLE_PREFIX, DRILL_PREFIX));
    if (segments != null) {
      env.put(Config.Names.BACKUP_SCAN_SEGMENTS, segments);
    }
    return Config.from(env);
  }

  /** Item number {@code i}: every attribute type, some padding so a scan needs several pages. */
  static Map<String, AttributeValue> item(int i) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS("GROUP#" + (i % 97)));
    item.put("sk", AttributeValue.fromS("ITEM#" + i));
    item.put("n", AttributeValue.fromN(Integer.toString(i)));
    item.put("label", AttributeValue.fromS("Probe " + i + " – µg/ml ✓ " + "x".repeat(1500)));
    item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) i, (byte) (i >> 8), -1})));
    item.put("tags", AttributeValue.fromSs(List.of("t" + (i % 3), "a" + i)));
    item.put("ns", AttributeValue.fromNs(List.of("1.5", Integer.toString(-i))));
    item.put("m", AttributeValue.fromM(Map.of("at", AttributeValue.fromS("2026-11-30T02:00:00Z"),
        "l", AttributeValue.fromL(List.of(AttributeValue.fromBool(i % 2 == 0), AttributeValue.fromNul(true))))));
    return item;
  }

  /** Fills the table with items 0..count-1 and returns their canonical lines. */
  static List<String> fill(EmbeddedTable table, int count) {
    List<String> lines = new ArrayList<>();
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      var item = item(i);
      lines.add(ItemJson.toLine(item));
      batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      if (batch.size() == 25 || i == count - 1) {
        var request = List.copyOf(batch);
        var left = table.client().batchWriteItem(r -> r.requestItems(Map.of(EmbeddedTable.NAME, request))).unprocessedItems();
        if (!left.isEmpty()) {
          throw new IllegalStateException("the embedded table left items unprocessed");
        }
        batch.clear();
      }
    }
    return lines;
  }

  static byte[] gunzip(byte[] gzipped) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] plain) {
    var out = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static List<String> lines(byte[] gzipped) {
    String text = new String(gunzip(gzipped), UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
