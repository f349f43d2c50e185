package org.labvault.fanout;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** The table's client, counting the queries and the items they read (what a run costs). */
final class CountingDynamoDb implements DynamoDbClient {

  final AtomicInteger queries = new AtomicInteger();
  final AtomicInteger itemsRead = new AtomicInteger();
  /** Puts to partitions starting with this fail once each while it is set (a write that did not happen). */
  volatile String failPutsTo;
  private final DynamoDbClient delegate;

  CountingDynamoDb(DynamoDbClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    queries.incrementAndGet();
    QueryResponse response = delegate.query(request);
    itemsRead.addAndGet(response.scannedCount());
    return response;
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return delegate.getItem(request);
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    String prefix = failPutsTo;
    if (prefix != null && request.item().get("pk").s().startsWith(prefix)) {
      failPutsTo = null;
      throw DynamoDbException.builder().message("the write did not happen").statusCode(500).build();
    }
    return delegate.putItem(request);
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return delegate.updateItem(request);
  }

  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    return delegate.transactWriteItems(request);
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {}
}
