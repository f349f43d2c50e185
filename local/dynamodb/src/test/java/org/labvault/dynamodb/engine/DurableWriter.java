package org.labvault.dynamodb.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.labvault.dynamodb.DynamoDb;

/**
 * The child process of the durability test: writes to a durable engine as fast as it can and
 * prints a line for every write the engine acknowledged, until it is killed.
 */
public final class DurableWriter {

  private DurableWriter() {}

  public static void main(String[] args) {
    try (DynamoDb engine = DynamoDb.open(Path.of(args[0]))) {
      call(engine, "CreateTable", """
          {"TableName":"durable","BillingMode":"PAY_PER_REQUEST",
           "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
           "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]}""");
      System.out.println("ready");
      for (int i = 0; ; i++) {
        call(engine, "PutItem", "{\"TableName\":\"durable\",\"Item\":{\"pk\":{\"S\":\"put-" + i + "\"},\"n\":{\"N\":\"" + i + "\"}}}");
        System.out.println("put " + i);
        call(engine, "TransactWriteItems", "{\"TransactItems\":["
            + "{\"Put\":{\"TableName\":\"durable\",\"Item\":{\"pk\":{\"S\":\"a-" + i + "\"}}}},"
            + "{\"Put\":{\"TableName\":\"durable\",\"Item\":{\"pk\":{\"S\":\"b-" + i + "\"}}}}]}");
        System.out.println("tx " + i);
      }
    }
  }

  private static void call(DynamoDb engine, String operation, String body) {
    DynamoDb.Response r = engine.handle("DynamoDB_20120810." + operation, body.getBytes(StandardCharsets.UTF_8));
    if (r.status() != 200 && !operation.equals("CreateTable")) {
      throw new IllegalStateException(operation + " failed: " + new String(r.body(), StandardCharsets.UTF_8));
    }
  }
}
