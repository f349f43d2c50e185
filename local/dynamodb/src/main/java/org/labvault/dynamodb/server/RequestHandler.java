package org.labvault.dynamodb.server;

import org.labvault.dynamodb.DynamoDb;

/** What the transports hand requests to: the engine's {@code handle}, or a stand-in in tests. */
@FunctionalInterface
interface RequestHandler {

  DynamoDb.Response handle(String target, byte[] body);

  static RequestHandler of(DynamoDb engine) {
    return engine::handle;
  }
}
