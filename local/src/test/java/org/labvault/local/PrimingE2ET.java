package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.template.Model;
import org.labvault.local.testing.StackExtension;
import org.labvault.shared.snapstart.SnapStartFunction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * SnapStart priming on every function of the template: each handler, built as Lambda builds it with
 * the environment the template gives it, runs its snapshot hooks (before the snapshot, and in a
 * restored copy) against a stack holding data, and changes none of it: no item, no object version,
 * no audit record, no alarm. A primed handler then serves real requests as before.
 */
class PrimingE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();

  @Test
  void everyFunctionPrimesWithoutChangingAnyData() throws Exception {
    String alice = STACK.api().token("alice-priming", "acme");
    String groupId = STACK.api().createGroup(alice, "Priming lab");
    Map<String, String> before = tableContents();
    List<String> objectsBefore = objectVersions();
    assertThat(before).as("the stack holds data to be left alone").isNotEmpty();

    List<String> primed = new ArrayList<>();
    for (Model.Function function : STACK.stack().model().functions().values()) {
      Class<?> type = Class.forName(function.handlerClass());
      assertThat(SnapStartFunction.class).as(function.logicalId() + " has SnapStart hooks").isAssignableFrom(type);
      Resource handler = (Resource) type.getConstructor(Map.class)
          .newInstance(STACK.stack().functionEnvironment(function.logicalId()));
      handler.beforeCheckpoint(null);
      assertThat(((SnapStartFunction) handler).primingFailure()).as(function.logicalId() + " primed without failing").isEmpty();
      handler.afterRestore(null);
      primed.add(function.logicalId());
    }

    assertThat(primed).hasSameSizeAs(STACK.stack().model().functions().keySet());
    assertThat(tableContents()).as("no item written, changed or removed by priming").isEqualTo(before);
    assertThat(objectVersions()).as("no object written or removed by priming").isEqualTo(objectsBefore);
    // the stack still serves the data priming walked past
    assertThat(STACK.api().get("/groups/" + groupId, alice).status()).isEqualTo(200);
  }

  /** Every item of every table, keyed by table and key, as text. */
  private static Map<String, String> tableContents() {
    var dynamo = STACK.stack().dynamoDbClient();
    Map<String, String> items = new TreeMap<>();
    for (Model.Table table : STACK.stack().model().tables().values()) {
      for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(table.tableName()).consistentRead(true)).items()) {
        items.put(table.tableName() + " " + item.get("pk") + " " + item.get("sk"), new TreeMap<>(item).toString());
      }
    }
    return items;
  }

  private static List<String> objectVersions() {
    var s3 = STACK.stack().s3Client();
    List<String> versions = new ArrayList<>();
    for (var bucket : s3.listBuckets().buckets()) {
      var listing = s3.listObjectVersionsPaginator(b -> b.bucket(bucket.name()));
      for (ObjectVersion v : listing.versions()) {
        versions.add(bucket.name() + "/" + v.key() + "@" + v.versionId());
      }
      listing.deleteMarkers().forEach(m -> versions.add(bucket.name() + "/" + m.key() + "@" + m.versionId() + " deleted"));
      s3.listMultipartUploads(b -> b.bucket(bucket.name())).uploads()
          .forEach(u -> versions.add(bucket.name() + "/" + u.key() + " upload " + u.uploadId()));
    }
    versions.sort(null);
    return versions;
  }
}
