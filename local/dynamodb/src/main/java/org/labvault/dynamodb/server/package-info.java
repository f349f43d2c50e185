/**
 * The DynamoDB engine on the wire.
 *
 * <ul>
 *   <li>{@link org.labvault.dynamodb.server.DynamoDbServer}: an HTTP endpoint speaking DynamoDB's
 *       JSON protocol (and DynamoDB Streams'), optionally checking Signature Version 4;
 *       {@code GET /} answers 200 {@code healthy: labvault-dynamodb} for health probes.
 *   <li>{@link org.labvault.dynamodb.server.InProcessHttpClient}: an SDK HTTP client that hands
 *       requests to the engine without a socket, for tests.
 *   <li>{@link org.labvault.dynamodb.server.DynamoDbMain}: the stand-alone process.
 * </ul>
 */
package org.labvault.dynamodb.server;
