package org.labvault.ops.adapter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Inject;
import org.labvault.ops.domain.Notice;
import org.labvault.ops.port.NoticeRepository;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Notices in the LabVault table; one conditional put per notice, one query per page. */
public final class DynamoNoticeRepository implements NoticeRepository {

  private final DynamoDbTable<NoticeItem> table;
  private final PageTokens pageTokens;

  @Inject
  DynamoNoticeRepository(DynamoDbEnhancedClient dynamo, Config config, PageTokens pageTokens) {
    this.table = dynamo.table(config.require(Config.Names.TABLE_NAME), NoticeItem.SCHEMA);
    this.pageTokens = pageTokens;
  }

  @Override
  public void insert(Notice notice) {
    try {
      table.putItem(
          r -> r.item(NoticeItem.from(notice))
              .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build()));
    } catch (ConditionalCheckFailedException e) {
      throw new ConflictException("ALREADY_EXISTS", "a notice with this id exists");
    }
  }

  @Override
  public Page<Notice> active(String tenant, Instant now, PageRequest page) {
    // sort keys are "<endsAt>#<id>": everything after "<now>#~" ends strictly after now
    String list = tenant == null ? "notices" : "notices:" + tenant; // each tenant sees its own list
    var notEnded =
        QueryConditional.sortGreaterThan(
            Key.builder().partitionValue(NoticeItem.PARTITION).sortValue(Times.format(now) + "#~").build());
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":now", AttributeValue.fromS(Times.format(now)));
    String filter = "startsAt <= :now AND ";
    if (tenant == null) {
      filter += "attribute_not_exists(tenants)";
    } else {
      filter += "(attribute_not_exists(tenants) OR contains(tenants, :tenant))";
      values.put(":tenant", AttributeValue.fromS(tenant));
    }
    var request =
        QueryEnhancedRequest.builder()
            .queryConditional(notEnded)
            .filterExpression(Expression.builder().expression(filter).expressionValues(values).build())
            .limit(page.limit())
            .exclusiveStartKey(pageTokens.decode(page.nextToken(), list, PageTokens.TABLE_KEY))
            .build();
    var result = table.query(request).iterator().next();
    return new Page<>(
        result.items().stream().map(NoticeItem::toNotice).toList(),
        pageTokens.encode(list, result.lastEvaluatedKey()));
  }
}
