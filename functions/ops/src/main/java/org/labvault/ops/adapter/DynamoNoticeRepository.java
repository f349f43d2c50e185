package org.labvault.ops.adapter;

import static org.labvault.ops.adapter.NoticeItems.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Inject;
import org.labvault.ops.domain.Notice;
import org.labvault.ops.port.NoticeRepository;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Notices in the LabVault table; one conditional put per notice, one query per page. */
public final class DynamoNoticeRepository implements NoticeRepository {

  private final DynamoDbClient dynamo;
  private final String table;
  private final PageTokens pageTokens;

  @Inject
  DynamoNoticeRepository(DynamoDbClient dynamo, Config config, PageTokens pageTokens) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.pageTokens = pageTokens;
  }

  @Override
  public void insert(Notice notice) {
    try {
      dynamo.putItem(r -> r.tableName(table).item(NoticeItems.item(notice))
          .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", Keys.PK)));
    } catch (ConditionalCheckFailedException e) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "a notice with this id exists");
    }
  }

  @Override
  public Page<Notice> active(String tenant, Instant now, PageRequest page) {
    // sort keys are "<endsAt>#<id>": everything after "<now>#~" ends strictly after now
    String list = tenant == null ? "notices" : "notices:" + tenant; // each tenant sees its own list
    Map<String, String> names = Map.of("#pk", Keys.PK, "#sk", Keys.SK, "#startsAt", NoticeItems.STARTS_AT,
        "#tenants", NoticeItems.TENANTS);
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(NoticeItems.PARTITION),
        ":notEnded", s(Times.format(now) + "#~"), ":now", s(Times.format(now))));
    String filter = "#startsAt <= :now AND ";
    if (tenant == null) {
      filter += "attribute_not_exists(#tenants)";
    } else {
      filter += "(attribute_not_exists(#tenants) OR contains(#tenants, :tenant))";
      values.put(":tenant", s(tenant));
    }
    String notices = filter;
    var result = dynamo.query(q -> q.tableName(table)
        .keyConditionExpression("#pk = :pk AND #sk > :notEnded")
        .filterExpression(notices)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), list, PageTokens.TABLE_KEY)));
    return new Page<>(result.items().stream().map(NoticeItems::notice).toList(), pageTokens.encode(list, result.lastEvaluatedKey()));
  }
}
