package org.labvault.dynamodb.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDbException;

class TableOperationsTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-11-30T09:12:01.123Z");
  static final String ARN_PREFIX = "arn:aws:dynamodb:eu-west-1:123456789012:table/";

  final TableFakeCatalog catalog = new TableFakeCatalog();
  final Map<String, Operation> ops = new HashMap<>();

  TableOperationsTest() {
    TableOperations.register(ops, catalog, Clock.fixed(NOW, ZoneOffset.UTC), "eu-west-1", "123456789012");
  }

  /** A request written with single quotes for readability. */
  static ObjectNode json(String singleQuoted) {
    try {
      return (ObjectNode) MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  JsonNode call(String op, String request) {
    return ops.get("DynamoDB_20120810." + op).apply(json(request));
  }

  DynamoDbException fail(String op, String request) {
    DynamoDbException e = catchThrowableOfType(DynamoDbException.class, () -> call(op, request));
    assertThat(e).as("expected an error").isNotNull();
    return e;
  }

  void assertValidation(String op, String request, String message) {
    DynamoDbException e = fail(op, request);
    assertThat(e.type()).isEqualTo("ValidationException");
    assertThat(e.getMessage()).isEqualTo(message);
  }

  JsonNode createSimple(String name, String extra) {
    return call("CreateTable", "{'TableName':'" + name + "','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
        + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}]" + extra + "}");
  }

  JsonNode createOnDemand(String name) {
    return createSimple(name, ",'BillingMode':'PAY_PER_REQUEST'");
  }

  JsonNode createProvisioned(String name) {
    return createSimple(name, ",'ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':5}");
  }

  static final String COMPOSITE = "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},"
      + "{'AttributeName':'sk','AttributeType':'N'},{'AttributeName':'g','AttributeType':'S'},{'AttributeName':'l','AttributeType':'S'}],"
      + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'}],'BillingMode':'PAY_PER_REQUEST'";

  static final String GSI = "{'IndexName':'gsi1','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],'Projection':{'ProjectionType':'ALL'}}";
  static final String LSI = "{'IndexName':'lsi1','KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'l','KeyType':'RANGE'}],"
      + "'Projection':{'ProjectionType':'INCLUDE','NonKeyAttributes':['a','b']}}";

  @Nested
  class CreateTable {

    @Test
    void createsAnActiveTableAndDescribesIt() {
      JsonNode d = createProvisioned("orders").get("TableDescription");
      assertThat(d.get("TableName").asText()).isEqualTo("orders");
      assertThat(d.get("TableStatus").asText()).isEqualTo("ACTIVE");
      assertThat(d.get("TableArn").asText()).isEqualTo(ARN_PREFIX + "orders");
      assertThat(d.get("TableId").asText()).matches("[0-9a-f-]{36}");
      assertThat(d.get("CreationDateTime").isNumber()).isTrue();
      assertThat(d.get("CreationDateTime").decimalValue()).isEqualByComparingTo("1796029921.123");
      assertThat(d.get("KeySchema")).isEqualTo(MAPPER.valueToTree(java.util.List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"))));
      assertThat(d.get("AttributeDefinitions").get(0).get("AttributeType").asText()).isEqualTo("S");
      assertThat(d.get("ProvisionedThroughput").get("ReadCapacityUnits").asLong()).isEqualTo(5);
      assertThat(d.get("ProvisionedThroughput").get("NumberOfDecreasesToday").asLong()).isZero();
      assertThat(d.has("BillingModeSummary")).isFalse();
      assertThat(d.get("ItemCount").asLong()).isZero();
      assertThat(d.get("DeletionProtectionEnabled").asBoolean()).isFalse();
      assertThat(catalog.find("orders")).isPresent();
    }

    @Test
    void onDemandShowsBillingSummaryAndZeroCapacity() {
      JsonNode d = createOnDemand("ondemand").get("TableDescription");
      assertThat(d.get("BillingModeSummary").get("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
      assertThat(d.get("ProvisionedThroughput").get("ReadCapacityUnits").asLong()).isZero();
      assertThat(d.get("ProvisionedThroughput").get("WriteCapacityUnits").asLong()).isZero();
    }

    @Test
    void indexesStreamTagsAndProtection() {
      JsonNode d = call("CreateTable", "{'TableName':'idx'," + COMPOSITE + ",'GlobalSecondaryIndexes':[" + GSI + "],"
          + "'LocalSecondaryIndexes':[" + LSI + "],'StreamSpecification':{'StreamEnabled':true,'StreamViewType':'NEW_AND_OLD_IMAGES'},"
          + "'Tags':[{'Key':'env','Value':'test'}],'DeletionProtectionEnabled':true,'TableClass':'STANDARD_INFREQUENT_ACCESS'}")
          .get("TableDescription");
      JsonNode gsi = d.get("GlobalSecondaryIndexes").get(0);
      assertThat(gsi.get("IndexName").asText()).isEqualTo("gsi1");
      assertThat(gsi.get("IndexStatus").asText()).isEqualTo("ACTIVE");
      assertThat(gsi.get("IndexArn").asText()).isEqualTo(ARN_PREFIX + "idx/index/gsi1");
      assertThat(gsi.get("Projection").get("ProjectionType").asText()).isEqualTo("ALL");
      assertThat(gsi.get("ProvisionedThroughput").get("ReadCapacityUnits").asLong()).isZero();
      JsonNode lsi = d.get("LocalSecondaryIndexes").get(0);
      assertThat(lsi.get("KeySchema").get(1).get("AttributeName").asText()).isEqualTo("l");
      assertThat(lsi.get("Projection").get("NonKeyAttributes").toString()).isEqualTo("[\"a\",\"b\"]");
      assertThat(lsi.has("IndexStatus")).isFalse();
      assertThat(d.get("StreamSpecification").get("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
      assertThat(d.get("LatestStreamLabel").asText()).isEqualTo("2026-11-30T09:12:01.123");
      assertThat(d.get("LatestStreamArn").asText()).isEqualTo(ARN_PREFIX + "idx/stream/2026-11-30T09:12:01.123");
      assertThat(d.get("DeletionProtectionEnabled").asBoolean()).isTrue();
      assertThat(d.get("TableClassSummary").get("TableClass").asText()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
      assertThat(catalog.tables.get("idx").tags()).containsEntry("env", "test");
    }

    @Test
    void existingTableIsInUse() {
      createOnDemand("dup");
      DynamoDbException e = fail("CreateTable", "{'TableName':'dup','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST'}");
      assertThat(e.type()).isEqualTo("ResourceInUseException");
      assertThat(e.getMessage()).isEqualTo("Table already exists: dup");
    }

    @Test
    void missingTableName() {
      assertValidation("CreateTable", "{'AttributeDefinitions':[],'KeySchema':[]}",
          "The parameter 'TableName' is required but was not present in the request");
    }

    @Test
    void shortTableName() {
      assertValidation("CreateTable", "{'TableName':'ab','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST'}",
          "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
              + "Member must have length greater than or equal to 3");
    }

    @Test
    void tableNamePatternAndLengthTogether() {
      assertValidation("CreateTable", "{'TableName':'x!','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST'}",
          "2 validation errors detected: Value 'x!' at 'tableName' failed to satisfy constraint: "
              + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
              + "Value 'x!' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3");
    }

    @Test
    void longTableName() {
      String name = "a".repeat(256);
      assertValidation("CreateTable", "{'TableName':'" + name + "','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST'}",
          "1 validation error detected: Value '" + name + "' at 'tableName' failed to satisfy constraint: "
              + "Member must have length less than or equal to 255");
    }

    @Test
    void invalidKeyTypeAndBillingModeTogether() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'INVALID'}],'BillingMode':'INVALID_MODE'}",
          "2 validation errors detected: Value 'INVALID' at 'keySchema.1.member.keyType' failed to satisfy constraint: "
              + "Member must satisfy enum value set: [HASH, RANGE]; Value 'INVALID_MODE' at 'billingMode' failed to satisfy "
              + "constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
    }

    @Test
    void invalidAttributeType() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'INVALID'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST'}",
          "1 validation error detected: Value 'INVALID' at 'attributeDefinitions.1.member.attributeType' failed to satisfy "
              + "constraint: Member must satisfy enum value set: [B, N, S]");
    }

    @Test
    void missingMembersAreNull() {
      assertValidation("CreateTable", "{'TableName':'t_ok'}",
          "2 validation errors detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null; "
              + "Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void emptyKeySchema() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[],'BillingMode':'PAY_PER_REQUEST'}",
          "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: "
              + "Member must have length greater than or equal to 1");
    }

    @Test
    void tooManyKeyElements() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},"
          + "{'AttributeName':'sk','AttributeType':'S'},{'AttributeName':'x','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'},"
          + "{'AttributeName':'x','KeyType':'RANGE'}],'BillingMode':'PAY_PER_REQUEST'}",
          "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, keyType=HASH), "
              + "KeySchemaElement(attributeName=sk, keyType=RANGE), KeySchemaElement(attributeName=x, keyType=RANGE)]' "
              + "at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2");
    }

    @Test
    void duplicateKeyAttribute() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'pk','KeyType':'RANGE'}],"
          + "'BillingMode':'PAY_PER_REQUEST'}", "Invalid KeySchema: Some index key attribute have no definition");
    }

    @Test
    void undefinedKeyAttribute() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'id','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST'}",
          "Invalid KeySchema: Some index key attribute have no definition");
    }

    @Test
    void firstKeyMustBeHash() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'RANGE'}],'BillingMode':'PAY_PER_REQUEST'}",
          "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }

    @Test
    void secondKeyMustBeRange() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},"
          + "{'AttributeName':'sk','AttributeType':'S'}],'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},"
          + "{'AttributeName':'sk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST'}",
          "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }

    @Test
    void unusedDefinition() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},"
          + "{'AttributeName':'extra','AttributeType':'N'}],'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],"
          + "'BillingMode':'PAY_PER_REQUEST'}",
          "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of "
              + "attributes defined in AttributeDefinitions");
    }

    @Test
    void lsiNeedsTableRangeKey() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},"
          + "{'AttributeName':'l','AttributeType':'S'}],'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],"
          + "'LocalSecondaryIndexes':[" + LSI + "],'BillingMode':'PAY_PER_REQUEST'}",
          "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when "
              + "specifying a LocalSecondaryIndex");
    }

    @Test
    void lsiNeedsTableHashKey() {
      String lsi = "{'IndexName':'lsi1','KeySchema':[{'AttributeName':'g','KeyType':'HASH'},{'AttributeName':'l','KeyType':'RANGE'}],"
          + "'Projection':{'ProjectionType':'ALL'}}";
      assertValidation("CreateTable", "{'TableName':'t_ok'," + COMPOSITE + ",'LocalSecondaryIndexes':[" + lsi + "]}",
          "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table "
              + "KeySchema for index: lsi1. index hash key: g, table hash key: pk");
    }

    @Test
    void lsiNeedsRangeKey() {
      String lsi = "{'IndexName':'lsi1','KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'Projection':{'ProjectionType':'ALL'}}";
      assertValidation("CreateTable", "{'TableName':'t_ok'," + COMPOSITE + ",'LocalSecondaryIndexes':[" + lsi + "]}",
          "One or more parameter values were invalid: Index KeySchema does not have a range key for index: lsi1");
    }

    @Test
    void atMostFiveLocalIndexes() {
      StringBuilder lsis = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        lsis.append(i == 0 ? "" : ",").append(LSI.replace("lsi1", "lsi" + i));
      }
      assertValidation("CreateTable", "{'TableName':'t_ok'," + COMPOSITE + ",'LocalSecondaryIndexes':[" + lsis + "]}",
          "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    }

    @Test
    void atMostTwentyGlobalIndexes() {
      StringBuilder gsis = new StringBuilder();
      for (int i = 0; i < 21; i++) {
        gsis.append(i == 0 ? "" : ",").append(GSI.replace("gsi1", "gsi" + i));
      }
      assertValidation("CreateTable", "{'TableName':'t_ok'," + COMPOSITE.replace(",{'AttributeName':'l','AttributeType':'S'}", "")
          + ",'GlobalSecondaryIndexes':[" + gsis + "]}",
          "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
    }

    @Test
    void duplicateIndexName() {
      assertValidation("CreateTable", "{'TableName':'t_ok'," + COMPOSITE.replace(",{'AttributeName':'l','AttributeType':'S'}", "")
          + ",'GlobalSecondaryIndexes':[" + GSI + "," + GSI + "]}",
          "One or more parameter values were invalid: Duplicate index name: gsi1");
    }

    @Test
    void undefinedIndexKey() {
      String gsi = "{'IndexName':'gsi1','KeySchema':[{'AttributeName':'zz','KeyType':'HASH'}],'Projection':{'ProjectionType':'ALL'}}";
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST','GlobalSecondaryIndexes':[" + gsi + "]}",
          "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. "
              + "Keys: [zz], AttributeDefinitions: [pk]");
    }

    @Test
    void includeNeedsNonKeyAttributes() {
      String gsi = GSI.replace("'ALL'", "'INCLUDE'");
      assertValidation("CreateTable", "{'TableName':'t_ok'," + COMPOSITE.replace(",{'AttributeName':'l','AttributeType':'S'}", "")
          + ",'GlobalSecondaryIndexes':[" + gsi + "]}",
          "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    }

    @Test
    void invalidProjectionType() {
      String gsi = GSI.replace("'ALL'", "'SOME'");
      assertValidation("CreateTable", "{'TableName':'t_ok'," + COMPOSITE.replace(",{'AttributeName':'l','AttributeType':'S'}", "")
          + ",'GlobalSecondaryIndexes':[" + gsi + "]}",
          "1 validation error detected: Value 'SOME' at 'globalSecondaryIndexes.1.member.projection.projectionType' failed to "
              + "satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
    }

    @Test
    void atMostOneHundredProjectedAttributes() {
      StringBuilder gsis = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        StringBuilder attrs = new StringBuilder();
        for (int a = 0; a < 17; a++) {
          attrs.append(a == 0 ? "" : ",").append("'a").append(i).append('_').append(a).append('\'');
        }
        gsis.append(i == 0 ? "" : ",").append("{'IndexName':'gsi" + i + "','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],"
            + "'Projection':{'ProjectionType':'INCLUDE','NonKeyAttributes':[" + attrs + "]}}");
      }
      assertValidation("CreateTable", "{'TableName':'t_ok'," + COMPOSITE.replace(",{'AttributeName':'l','AttributeType':'S'}", "")
          + ",'GlobalSecondaryIndexes':[" + gsis + "]}",
          "One or more parameter values were invalid: The number of projected attributes in all indexes exceeds the limit of 100");
    }

    @Test
    void provisionedNeedsThroughput() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}]}",
          "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when "
              + "BillingMode is PROVISIONED");
    }

    @Test
    void onDemandForbidsThroughput() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST',"
          + "'ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':5}}",
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
              + "BillingMode is PAY_PER_REQUEST");
    }

    @Test
    void provisionedIndexNeedsThroughput() {
      assertValidation("CreateTable", "{'TableName':'t_ok'," + COMPOSITE.replace(",{'AttributeName':'l','AttributeType':'S'}", "")
          .replace("'BillingMode':'PAY_PER_REQUEST'", "'ProvisionedThroughput':{'ReadCapacityUnits':1,'WriteCapacityUnits':1}")
          + ",'GlobalSecondaryIndexes':[" + GSI + "]}",
          "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: gsi1");
    }

    @Test
    void throughputAtLeastOne() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'ProvisionedThroughput':{'ReadCapacityUnits':0,'WriteCapacityUnits':5}}",
          "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: "
              + "Member must have value greater than or equal to 1");
    }

    @Test
    void streamRules() {
      String base = "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST',";
      assertValidation("CreateTable", base + "'StreamSpecification':{'StreamEnabled':false,'StreamViewType':'KEYS_ONLY'}}",
          "One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified");
      assertValidation("CreateTable", base + "'StreamSpecification':{'StreamEnabled':true}}",
          "One or more parameter values were invalid: Table is being created with a stream enabled, StreamViewType must be specified");
      assertValidation("CreateTable", base + "'StreamSpecification':{'StreamViewType':'ALL'}}",
          "2 validation errors detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: "
              + "Member must not be null; Value 'ALL' at 'streamSpecification.streamViewType' failed to satisfy constraint: "
              + "Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
      JsonNode d = call("CreateTable", base + "'StreamSpecification':{'StreamEnabled':false}}").get("TableDescription");
      assertThat(d.has("StreamSpecification")).isFalse();
      assertThat(d.has("LatestStreamArn")).isFalse();
    }

    @Test
    void tagBounds() {
      assertValidation("CreateTable", "{'TableName':'t_ok','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
          + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],'BillingMode':'PAY_PER_REQUEST','Tags':[{'Key':'','Value':'v'}]}",
          "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: "
              + "Member must have length greater than or equal to 1");
    }

    @Test
    void wrongJsonTypeIsASerializationError() {
      DynamoDbException e = fail("CreateTable", "{'TableName':5}");
      assertThat(e.type()).endsWith("SerializationException");
    }
  }

  @Nested
  class DescribeDeleteList {

    @Test
    void describeShowsCatalogCounts() {
      createOnDemand("counted");
      catalog.counts.put("counted", 3L);
      JsonNode t = call("DescribeTable", "{'TableName':'counted'}").get("Table");
      assertThat(t.get("ItemCount").asLong()).isEqualTo(3);
      assertThat(t.get("TableSizeBytes").asLong()).isEqualTo(30);
    }

    @Test
    void describeByArn() {
      createOnDemand("byarn");
      assertThat(call("DescribeTable", "{'TableName':'" + ARN_PREFIX + "byarn'}").get("Table").get("TableName").asText())
          .isEqualTo("byarn");
    }

    @Test
    void describeUnknown() {
      DynamoDbException e = fail("DescribeTable", "{'TableName':'nope'}");
      assertThat(e.type()).isEqualTo("ResourceNotFoundException");
      assertThat(e.getMessage()).isEqualTo("Requested resource not found: Table: nope not found");
    }

    @Test
    void describeValidation() {
      assertValidation("DescribeTable", "{}",
          "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
      assertValidation("DescribeTable", "{'TableName':''}",
          "1 validation error detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1");
      assertValidation("DescribeTable", "{'TableName':'bad table!@#'}",
          "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy constraint: "
              + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void deleteAnswersDeletingAndRemoves() {
      createOnDemand("gone");
      JsonNode d = call("DeleteTable", "{'TableName':'gone'}").get("TableDescription");
      assertThat(d.get("TableStatus").asText()).isEqualTo("DELETING");
      assertThat(d.get("TableName").asText()).isEqualTo("gone");
      assertThat(catalog.find("gone")).isEmpty();
      assertThat(fail("DeleteTable", "{'TableName':'gone'}").type()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void deletionProtectionRefuses() {
      createSimple("kept", ",'BillingMode':'PAY_PER_REQUEST','DeletionProtectionEnabled':true");
      assertValidation("DeleteTable", "{'TableName':'kept'}",
          "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
      call("UpdateTable", "{'TableName':'kept','DeletionProtectionEnabled':false}");
      call("DeleteTable", "{'TableName':'kept'}");
      assertThat(catalog.find("kept")).isEmpty();
    }

    @Test
    void listPages() {
      for (String n : new String[] {"ccc", "aaa", "bbb", "ddd"}) {
        createOnDemand(n);
      }
      assertThat(call("ListTables", "{}").toString()).isEqualTo("{\"TableNames\":[\"aaa\",\"bbb\",\"ccc\",\"ddd\"]}");
      JsonNode first = call("ListTables", "{'Limit':2}");
      assertThat(first.toString()).isEqualTo("{\"TableNames\":[\"aaa\",\"bbb\"],\"LastEvaluatedTableName\":\"bbb\"}");
      JsonNode second = call("ListTables", "{'Limit':2,'ExclusiveStartTableName':'bbb'}");
      assertThat(second.toString()).isEqualTo("{\"TableNames\":[\"ccc\",\"ddd\"]}");
      assertThat(call("ListTables", "{'ExclusiveStartTableName':'bba'}").get("TableNames").size()).isEqualTo(3);
      assertThat(call("ListTables", "{'ExclusiveStartTableName':'zzz'}").toString()).isEqualTo("{\"TableNames\":[]}");
    }

    @Test
    void listValidation() {
      assertValidation("ListTables", "{'Limit':0}",
          "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
      assertValidation("ListTables", "{'Limit':101,'ExclusiveStartTableName':'a'}",
          "2 validation errors detected: Value 'a' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have "
              + "length greater than or equal to 3; Value '101' at 'limit' failed to satisfy constraint: Member must have value "
              + "less than or equal to 100");
    }
  }

  @Nested
  class UpdateTable {

    @Test
    void changesThroughput() {
      createProvisioned("tp_t");
      JsonNode d = call("UpdateTable", "{'TableName':'tp_t','ProvisionedThroughput':{'ReadCapacityUnits':20,'WriteCapacityUnits':15}}")
          .get("TableDescription");
      assertThat(d.get("ProvisionedThroughput").get("ReadCapacityUnits").asLong()).isEqualTo(20);
      assertThat(call("DescribeTable", "{'TableName':'tp_t'}").get("Table").get("ProvisionedThroughput").get("WriteCapacityUnits").asLong())
          .isEqualTo(15);
    }

    @Test
    void sameThroughputIsRefused() {
      createProvisioned("same");
      assertValidation("UpdateTable", "{'TableName':'same','BillingMode':'PROVISIONED','ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':5}}",
          "The provisioned throughput for the table will not change. The requested value equals the current value. Current "
              + "ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: 5. Current WriteCapacityUnits "
              + "provisioned for the table: 5. Requested WriteCapacityUnits: 5. Refer to the Amazon DynamoDB Developer Guide for "
              + "current limits and how to request higher limits.");
    }

    @Test
    void onDemandToOnDemandIsAccepted() {
      createOnDemand("odr");
      call("UpdateTable", "{'TableName':'odr','BillingMode':'PAY_PER_REQUEST'}");
      assertThat(catalog.tables.get("odr").billingMode()).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void switchesBillingMode() {
      createProvisioned("sw_t");
      JsonNode d = call("UpdateTable", "{'TableName':'sw_t','BillingMode':'PAY_PER_REQUEST'}").get("TableDescription");
      assertThat(d.get("BillingModeSummary").get("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
      assertThat(d.get("TableStatus").asText()).isEqualTo("ACTIVE");
      assertValidation("UpdateTable", "{'TableName':'sw_t','BillingMode':'PROVISIONED'}",
          "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when "
              + "BillingMode is PROVISIONED");
      d = call("UpdateTable", "{'TableName':'sw_t','BillingMode':'PROVISIONED','ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':5}}")
          .get("TableDescription");
      assertThat(d.has("BillingModeSummary")).isFalse();
      assertThat(d.get("ProvisionedThroughput").get("ReadCapacityUnits").asLong()).isEqualTo(5);
    }

    @Test
    void onDemandRefusesThroughput() {
      createProvisioned("ppr");
      assertValidation("UpdateTable", "{'TableName':'ppr','BillingMode':'PAY_PER_REQUEST','ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':5}}",
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
              + "BillingMode is PAY_PER_REQUEST");
    }

    @Test
    void zeroThroughputIsInvalid() {
      createProvisioned("zero");
      assertValidation("UpdateTable", "{'TableName':'zero','ProvisionedThroughput':{'ReadCapacityUnits':0,'WriteCapacityUnits':5}}",
          "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: "
              + "Member must have value greater than or equal to 1");
    }

    @Test
    void nothingToUpdate() {
      createOnDemand("noop");
      assertValidation("UpdateTable", "{'TableName':'noop'}", "At least one of ProvisionedThroughput, BillingMode, "
          + "UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
    }

    @Test
    void unknownTable() {
      DynamoDbException e = fail("UpdateTable", "{'TableName':'nope','ProvisionedThroughput':{'ReadCapacityUnits':10,'WriteCapacityUnits':10}}");
      assertThat(e.type()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void streamEnableDisableAndReenable() {
      createOnDemand("st_t");
      JsonNode d = call("UpdateTable", "{'TableName':'st_t','StreamSpecification':{'StreamEnabled':true,'StreamViewType':'KEYS_ONLY'}}")
          .get("TableDescription");
      String firstArn = d.get("LatestStreamArn").asText();
      assertThat(firstArn).isEqualTo(ARN_PREFIX + "st_t/stream/2026-11-30T09:12:01.123");
      assertThat(d.get("StreamSpecification").get("StreamViewType").asText()).isEqualTo("KEYS_ONLY");

      assertValidation("UpdateTable", "{'TableName':'st_t','StreamSpecification':{'StreamEnabled':true,'StreamViewType':'NEW_IMAGE'}}",
          "Table already has an enabled stream: TableName: st_t");
      assertValidation("UpdateTable", "{'TableName':'st_t','StreamSpecification':{'StreamEnabled':false,'StreamViewType':'NEW_IMAGE'}}",
          "One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must not be specified");

      d = call("UpdateTable", "{'TableName':'st_t','StreamSpecification':{'StreamEnabled':false}}").get("TableDescription");
      assertThat(d.get("StreamSpecification").get("StreamEnabled").asBoolean()).isFalse();
      assertThat(d.get("LatestStreamArn").asText()).isEqualTo(firstArn);
      assertThat(catalog.tables.get("st_t").stream().enabled()).isFalse();
      JsonNode described = call("DescribeTable", "{'TableName':'st_t'}").get("Table");
      assertThat(described.has("StreamSpecification")).isFalse();
      assertThat(described.get("LatestStreamArn").asText()).isEqualTo(firstArn);

      d = call("UpdateTable", "{'TableName':'st_t','StreamSpecification':{'StreamEnabled':true,'StreamViewType':'NEW_IMAGE'}}")
          .get("TableDescription");
      assertThat(d.get("LatestStreamArn").asText()).isNotEqualTo(firstArn).startsWith(ARN_PREFIX + "st_t/stream/");
      assertThat(d.get("LatestStreamLabel").asText()).isEqualTo("2026-11-30T09:12:01.124");
    }

    @Test
    void gsiCreateAndDelete() {
      call("CreateTable", "{'TableName':'g1_t','AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},"
          + "{'AttributeName':'sk','AttributeType':'S'}],'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},"
          + "{'AttributeName':'sk','KeyType':'RANGE'}],'BillingMode':'PAY_PER_REQUEST'}");
      int before = catalog.updates;
      JsonNode d = call("UpdateTable", "{'TableName':'g1_t','AttributeDefinitions':[{'AttributeName':'g','AttributeType':'N'}],"
          + "'GlobalSecondaryIndexUpdates':[{'Create':{'IndexName':'byG','KeySchema':[{'AttributeName':'g','KeyType':'HASH'},"
          + "{'AttributeName':'sk','KeyType':'RANGE'}],'Projection':{'ProjectionType':'KEYS_ONLY'}}}]}").get("TableDescription");
      assertThat(catalog.updates).isEqualTo(before + 1);
      assertThat(d.get("GlobalSecondaryIndexes").get(0).get("IndexName").asText()).isEqualTo("byG");
      assertThat(d.get("GlobalSecondaryIndexes").get(0).get("IndexStatus").asText()).isEqualTo("ACTIVE");
      assertThat(catalog.tables.get("g1_t").attributeTypes()).containsEntry("g", "N").hasSize(3);
      assertThat(catalog.tables.get("g1_t").globalIndexes()).hasSize(1);

      assertValidation("UpdateTable", "{'TableName':'g1_t','AttributeDefinitions':[{'AttributeName':'g','AttributeType':'N'}],"
          + "'GlobalSecondaryIndexUpdates':[{'Create':{'IndexName':'byG','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],"
          + "'Projection':{'ProjectionType':'ALL'}}}]}", "Attempting to create an index which already exists");
      assertValidation("UpdateTable", "{'TableName':'g1_t','GlobalSecondaryIndexUpdates':[{'Create':{'IndexName':'byH',"
          + "'KeySchema':[{'AttributeName':'h','KeyType':'HASH'}],'Projection':{'ProjectionType':'ALL'}}}]}",
          "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. "
              + "Keys: [h], AttributeDefinitions: [pk, sk, g]");
      DynamoDbException e = fail("UpdateTable", "{'TableName':'g1_t','GlobalSecondaryIndexUpdates':[{'Delete':{'IndexName':'nope'}}]}");
      assertThat(e.type()).isEqualTo("ResourceNotFoundException");

      d = call("UpdateTable", "{'TableName':'g1_t','GlobalSecondaryIndexUpdates':[{'Delete':{'IndexName':'byG'}}]}").get("TableDescription");
      assertThat(d.has("GlobalSecondaryIndexes")).isFalse();
      assertThat(catalog.tables.get("g1_t").globalIndexes()).isEmpty();
      assertThat(catalog.tables.get("g1_t").attributeTypes()).containsOnlyKeys("pk", "sk");
    }

    @Test
    void provisionedGsiThroughput() {
      createProvisioned("pg_t");
      call("UpdateTable", "{'TableName':'pg_t','AttributeDefinitions':[{'AttributeName':'g','AttributeType':'S'}],"
          + "'GlobalSecondaryIndexUpdates':[{'Create':{'IndexName':'byG','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],"
          + "'Projection':{'ProjectionType':'ALL'},'ProvisionedThroughput':{'ReadCapacityUnits':3,'WriteCapacityUnits':4}}}]}");
      JsonNode g = call("DescribeTable", "{'TableName':'pg_t'}").get("Table").get("GlobalSecondaryIndexes").get(0);
      assertThat(g.get("ProvisionedThroughput").get("WriteCapacityUnits").asLong()).isEqualTo(4);
      call("UpdateTable", "{'TableName':'pg_t','GlobalSecondaryIndexUpdates':[{'Update':{'IndexName':'byG',"
          + "'ProvisionedThroughput':{'ReadCapacityUnits':7,'WriteCapacityUnits':8}}}]}");
      assertThat(catalog.tables.get("pg_t").globalIndexes().get(0).throughput().read()).isEqualTo(7);
    }

    @Test
    void deletionProtectionToggles() {
      createOnDemand("dp_t");
      JsonNode d = call("UpdateTable", "{'TableName':'dp_t','DeletionProtectionEnabled':true}").get("TableDescription");
      assertThat(d.get("DeletionProtectionEnabled").asBoolean()).isTrue();
      assertThat(catalog.tables.get("dp_t").deletionProtection()).isTrue();
    }
  }

  @Nested
  class TimeToLive {

    @Test
    void enableDescribeDisable() {
      createOnDemand("ttl");
      assertThat(call("DescribeTimeToLive", "{'TableName':'ttl'}").toString())
          .isEqualTo("{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"DISABLED\"}}");
      JsonNode r = call("UpdateTimeToLive", "{'TableName':'ttl','TimeToLiveSpecification':{'Enabled':true,'AttributeName':'expiresAt'}}");
      assertThat(r.toString()).isEqualTo("{\"TimeToLiveSpecification\":{\"AttributeName\":\"expiresAt\",\"Enabled\":true}}");
      assertThat(call("DescribeTimeToLive", "{'TableName':'ttl'}").toString())
          .isEqualTo("{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"ENABLED\",\"AttributeName\":\"expiresAt\"}}");
      assertThat(catalog.tables.get("ttl").ttlAttribute()).isEqualTo("expiresAt");
      assertValidation("UpdateTimeToLive", "{'TableName':'ttl','TimeToLiveSpecification':{'Enabled':true,'AttributeName':'expiresAt'}}",
          "TimeToLive is already enabled");
      call("UpdateTimeToLive", "{'TableName':'ttl','TimeToLiveSpecification':{'Enabled':false,'AttributeName':'expiresAt'}}");
      assertThat(catalog.tables.get("ttl").ttlAttribute()).isNull();
      assertValidation("UpdateTimeToLive", "{'TableName':'ttl','TimeToLiveSpecification':{'Enabled':false,'AttributeName':'expiresAt'}}",
          "TimeToLive is already disabled");
    }

    @Test
    void validation() {
      createOnDemand("ttl2");
      assertValidation("UpdateTimeToLive", "{'TableName':'ttl2','TimeToLiveSpecification':{'Enabled':true,'AttributeName':''}}",
          "1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
              + "Member must have length greater than or equal to 1");
      assertValidation("UpdateTimeToLive", "{'TableName':'ttl2'}",
          "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
      assertThat(fail("UpdateTimeToLive", "{'TableName':'nope','TimeToLiveSpecification':{'Enabled':true,'AttributeName':'t'}}").type())
          .isEqualTo("ResourceNotFoundException");
      assertThat(fail("DescribeTimeToLive", "{'TableName':'nope'}").type()).isEqualTo("ResourceNotFoundException");
    }
  }

  @Nested
  class Tags {

    @Test
    void tagListUntag() {
      createOnDemand("tagged");
      String arn = ARN_PREFIX + "tagged";
      assertThat(call("TagResource", "{'ResourceArn':'" + arn + "','Tags':[{'Key':'env','Value':'test'},{'Key':'team','Value':'x'}]}")
          .toString()).isEqualTo("{}");
      call("TagResource", "{'ResourceArn':'" + arn + "','Tags':[{'Key':'env','Value':'prod'}]}");
      assertThat(call("ListTagsOfResource", "{'ResourceArn':'" + arn + "'}").toString())
          .isEqualTo("{\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"},{\"Key\":\"team\",\"Value\":\"x\"}]}");
      call("UntagResource", "{'ResourceArn':'" + arn + "','TagKeys':['team','absent']}");
      assertThat(call("ListTagsOfResource", "{'ResourceArn':'" + arn + "'}").toString())
          .isEqualTo("{\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"}]}");
    }

    @Test
    void errors() {
      assertValidation("TagResource", "{'ResourceArn':'not-a-valid-arn','Tags':[{'Key':'env','Value':'test'}]}",
          "Invalid TableArn: Invalid ResourceArn provided as input not-a-valid-arn");
      DynamoDbException e = fail("ListTagsOfResource", "{'ResourceArn':'arn:aws:dynamodb:eu-west-1:000000000000:table/x'}");
      assertThat(e.type()).endsWith("AccessDeniedException");
      e = fail("ListTagsOfResource", "{'ResourceArn':'" + ARN_PREFIX + "missing'}");
      assertThat(e.type()).isEqualTo("ResourceNotFoundException");
      assertThat(e.getMessage()).isEqualTo("Requested resource not found: ResourcArn: " + ARN_PREFIX + "missing not found");
      createOnDemand("lim");
      StringBuilder tags = new StringBuilder();
      for (int i = 0; i < 51; i++) {
        tags.append(i == 0 ? "" : ",").append("{'Key':'k").append(i).append("','Value':'v'}");
      }
      assertValidation("TagResource", "{'ResourceArn':'" + ARN_PREFIX + "lim','Tags':[" + tags + "]}",
          "One or more parameter values were invalid: The number of tags exceeds the limit of 50");
      assertValidation("TagResource", "{'ResourceArn':'" + ARN_PREFIX + "lim','Tags':[{'Key':'" + "k".repeat(129) + "','Value':'v'}]}",
          "1 validation error detected: Value '" + "k".repeat(129) + "' at 'tags.1.member.key' failed to satisfy constraint: "
              + "Member must have length less than or equal to 128");
      assertValidation("UntagResource", "{'ResourceArn':'" + ARN_PREFIX + "lim'}",
          "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
    }
  }
}
