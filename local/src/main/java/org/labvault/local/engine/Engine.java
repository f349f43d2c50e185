package org.labvault.local.engine;

import java.net.URI;
import java.util.Map;

/**
 * One local engine (DynamoDB, S3, ...): started by a static {@code start} factory of its class,
 * listening on 127.0.0.1, stopped by {@link #close()}. The stack writes {@link #endpoints()} into
 * stack.json, so an endpoint is listed only while something listens there.
 */
public interface Engine extends AutoCloseable {

  /** A short name for messages, e.g. {@code DynamoDB}. */
  String name();

  /** The stack.json key of each endpoint (e.g. {@code dynamodbEndpoint}) to the URI it listens on. */
  Map<String, URI> endpoints();

  /**
   * The ports to keep across restarts (ports.json), by key: its endpoints, plus any it serves
   * without listing them in stack.json.
   */
  default Map<String, URI> ports() {
    return endpoints();
  }

  @Override
  void close() throws Exception;

  /**
   * An engine the contract names no endpoint of (KMS, the IoT API): stack.json lists none, as its
   * keys are the contract's; the functions find it in their environment. Its port is kept across
   * restarts under {@link #portKey()} all the same.
   */
  interface Unlisted extends Engine {

    /** Its key in ports.json. */
    String portKey();

    /** Where it listens. */
    URI endpoint();

    @Override
    default Map<String, URI> endpoints() {
      return Map.of();
    }

    @Override
    default Map<String, URI> ports() {
      return Map.of(portKey(), endpoint());
    }
  }
}
