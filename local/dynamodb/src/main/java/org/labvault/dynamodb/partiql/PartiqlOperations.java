package org.labvault.dynamodb.partiql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.expr.Condition;
import org.labvault.dynamodb.expr.Expressions;
import org.labvault.dynamodb.expr.Kind;
import org.labvault.dynamodb.ops.EngineState;
import org.labvault.dynamodb.ops.Operation;
import org.labvault.dynamodb.partiql.Ast.Expr;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.KeySchema;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;

/**
 * ExecuteStatement, BatchExecuteStatement and ExecuteTransaction. Each statement is parsed, then
 * run as the item operation DynamoDB runs for it: SELECT as Query (when the WHERE clause fixes the
 * partition key) or Scan, or as GetItem / TransactGetItems in batches and transactions; INSERT as
 * a PutItem that refuses an existing item; UPDATE as an UpdateItem of an existing item; DELETE as
 * DeleteItem; transactions through TransactWriteItems, so conditions, streams, capacity,
 * idempotency tokens and cancellation behave as for the item operations themselves.
 */
public final class PartiqlOperations {

  private static final String PREFIX = "DynamoDB_20120810.";
  private static final int MAX_STATEMENT = 8192;
  private static final int MAX_BATCH = 25;
  private static final int MAX_TRANSACTION = 100;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EngineState state;
  private final Map<String, Operation> operations;

  private PartiqlOperations(EngineState state, Map<String, Operation> operations) {
    this.state = state;
    this.operations = operations;
  }

  public static void register(Map<String, Operation> operations, EngineState state) {
    PartiqlOperations ops = new PartiqlOperations(state, operations);
    operations.put(PREFIX + "ExecuteStatement", ops::executeStatement);
    operations.put(PREFIX + "BatchExecuteStatement", ops::batchExecuteStatement);
    operations.put(PREFIX + "ExecuteTransaction", ops::executeTransaction);
  }

  private JsonNode call(String operation, ObjectNode request) {
    return operations.get(PREFIX + operation).apply(request);
  }

  /** The options one statement runs with. */
  private record Options(boolean consistentRead, Integer limit, String nextToken, String returnConsumedCapacity,
      String returnValuesOnFailure) {}

  // ---- ExecuteStatement --------------------------------------------------------------------

  JsonNode executeStatement(ObjectNode request) {
    String text = statementText(request.get("Statement"), "statement");
    List<AttributeValue> parameters = parameters(request.get("Parameters"), "parameters");
    JsonNode limitNode = request.get("Limit");
    Integer limit = null;
    if (limitNode != null && !limitNode.isNull()) {
      limit = limitNode.asInt();
      if (limit < 1) {
        throw DynamoDbException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to"
            + " satisfy constraint: Member must have value greater than or equal to 1");
      }
    }
    String returnValuesOnFailure = returnValuesOnFailure(request, "returnValuesOnConditionCheckFailure");
    String nextToken = text(request, "NextToken");
    Options options = new Options(request.path("ConsistentRead").asBoolean(false), limit, nextToken,
        text(request, "ReturnConsumedCapacity"), returnValuesOnFailure);
    Ast.Statement statement = Parser.parse(text, parameters);
    return switch (statement) {
      case Ast.Select s -> select(s, options);
      case Ast.Insert i -> insert(i, options);
      case Ast.Update u -> update(u, options);
      case Ast.Delete d -> delete(d, options);
      case Ast.Exists e -> throw DynamoDbException.validation(
          "Unsupported operation: EXISTS can only be used in a transaction");
    };
  }

  // ---- SELECT ------------------------------------------------------------------------------

  private ObjectNode select(Ast.Select s, Options options) {
    TableMeta table = table(s.table());
    IndexMeta index = null;
    if (s.index() != null) {
      index = table.index(s.index()).orElseThrow(() -> DynamoDbException.validation(
          "The table does not have the specified index: " + s.index()));
    }
    KeySchema schema = index == null ? table.key() : index.key();
    Translation tr = new Translation();
    ObjectNode request = Translation.object();
    request.put("TableName", table.name());
    if (index != null) {
      request.put("IndexName", index.name());
    }
    Expr filter = s.where();
    boolean query = false;
    if (s.where() != null) {
      Translation.KeySplit split = Translation.split(s.where());
      AttributeValue hashValue = split.equalities().get(schema.hash());
      if (hashValue != null && hashValue.type().equals(table.attributeTypes().get(schema.hash()))) {
        query = true;
        Set<String> used = new HashSet<>();
        used.add(schema.hash());
        StringBuilder keyCondition = new StringBuilder(tr.name(schema.hash()) + " = " + tr.value(hashValue));
        List<Expr> rest = new ArrayList<>(split.rest());
        if (schema.hasRange()) {
          String rangeType = table.attributeTypes().get(schema.range());
          AttributeValue rangeValue = split.equalities().get(schema.range());
          if (rangeValue != null && rangeValue.type().equals(rangeType)) {
            keyCondition.append(" AND ").append(tr.name(schema.range())).append(" = ").append(tr.value(rangeValue));
            used.add(schema.range());
          } else {
            for (Expr e : rest) {
              if (rangeCondition(e, schema.range(), rangeType)) {
                keyCondition.append(" AND ").append(tr.condition(e));
                rest.remove(e);
                break;
              }
            }
          }
        }
        request.put("KeyConditionExpression", keyCondition.toString());
        filter = new Translation.KeySplit(split.equalities(), rest).restWithout(used);
      }
    }
    if (filter != null) {
      request.put("FilterExpression", tr.condition(filter));
    }
    if (!s.orderBy().isEmpty()) {
      if (!query) {
        throw DynamoDbException.validation("Must have WHERE clause in the statement when using ORDER BY clause.");
      }
      Boolean forward = null;
      for (Ast.OrderBy o : s.orderBy()) {
        if (!o.path().isTopLevel() || !schema.isKey(o.path().attribute())) {
          throw DynamoDbException.validation("Unsupported operation: ORDER BY is supported only on the key attributes"
              + " of the table or index");
        }
        if (schema.hasRange() && o.path().attribute().equals(schema.range())) {
          forward = !o.descending();
        }
      }
      if (forward != null) {
        request.put("ScanIndexForward", forward);
      }
    }
    if (options.limit() != null) {
      request.put("Limit", options.limit());
    }
    if (options.consistentRead()) {
      request.put("ConsistentRead", true);
    }
    if (options.returnConsumedCapacity() != null) {
      request.put("ReturnConsumedCapacity", options.returnConsumedCapacity());
    }
    if (options.nextToken() != null) {
      request.set("ExclusiveStartKey", decodeToken(options.nextToken()));
    }
    tr.addTo(request);
    JsonNode result = call(query ? "Query" : "Scan", request);
    ObjectNode response = Translation.object();
    ArrayNode items = response.putArray("Items");
    for (JsonNode item : result.path("Items")) {
      items.add(AttributeValueJson.writeItem(project(AttributeValueJson.readItem(item), s.projection())));
    }
    JsonNode last = result.get("LastEvaluatedKey");
    if (last != null && !last.isNull()) {
      response.put("NextToken", encodeToken(last));
      response.set("LastEvaluatedKey", last);
    }
    if (result.has("ConsumedCapacity")) {
      response.set("ConsumedCapacity", result.get("ConsumedCapacity"));
    }
    return response;
  }

  /** A conjunct a key condition can hold for the sort key: a comparison, BETWEEN or begins_with with values. */
  private static boolean rangeCondition(Expr e, String range, String rangeType) {
    return switch (e) {
      case Ast.Compare c when !c.op().equals("<>") -> isKey(c.left(), range) && isValue(c.right(), rangeType)
          || isKey(c.right(), range) && isValue(c.left(), rangeType);
      case Ast.Between b -> isKey(b.operand(), range) && isValue(b.lower(), rangeType) && isValue(b.upper(), rangeType);
      case Ast.Call c when c.name().equals("begins_with") && c.args().size() == 2 ->
          isKey(c.args().get(0), range) && isValue(c.args().get(1), rangeType) && !rangeType.equals("N");
      default -> false;
    };
  }

  private static boolean isKey(Expr e, String name) {
    return e instanceof Ast.PathRef p && p.isTopLevel() && p.attribute().equals(name);
  }

  private static boolean isValue(Expr e, String type) {
    return e instanceof Ast.Literal l && l.value().type().equals(type);
  }

  /** The projection of a SELECT: each path's value under the path's last name; null selects everything. */
  static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<Ast.PathRef> projection) {
    if (projection == null) {
      return item;
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (Ast.PathRef p : projection) {
      AttributeValue v = resolve(item, p);
      if (v != null) {
        out.put(p.outputName(), v);
      }
    }
    return out;
  }

  static AttributeValue resolve(Map<String, AttributeValue> item, Ast.PathRef p) {
    AttributeValue current = item.get(p.attribute());
    for (int i = 1; i < p.elements().size() && current != null; i++) {
      Object e = p.elements().get(i);
      if (e instanceof String name) {
        current = current instanceof AttributeValue.M m ? m.values().get(name) : null;
      } else {
        int index = (Integer) e;
        current = current instanceof AttributeValue.L l && index < l.values().size() ? l.values().get(index) : null;
      }
    }
    return current;
  }

  private static String encodeToken(JsonNode lastEvaluatedKey) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(lastEvaluatedKey.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode decodeToken(String token) {
    try {
      JsonNode key = MAPPER.readTree(Base64.getUrlDecoder().decode(token));
      if (key instanceof ObjectNode) {
        return key;
      }
    } catch (Exception e) {
      // not one of ours
    }
    throw DynamoDbException.validation("The provided NextToken is not valid");
  }

  // ---- INSERT, UPDATE, DELETE --------------------------------------------------------------

  private static DynamoDbException duplicate() {
    return new DynamoDbException("DuplicateItemException", "Duplicate primary key exists in table");
  }

  private ObjectNode insertRequest(Ast.Insert s, TableMeta table) {
    Translation tr = new Translation();
    ObjectNode request = Translation.object();
    request.put("TableName", table.name());
    request.set("Item", AttributeValueJson.writeItem(s.item().values()));
    request.put("ConditionExpression", "attribute_not_exists(" + tr.name(table.key().hash()) + ")");
    tr.addTo(request);
    return request;
  }

  private ObjectNode insert(Ast.Insert s, Options options) {
    TableMeta table = table(s.table());
    ObjectNode request = insertRequest(s, table);
    capacity(request, options);
    JsonNode result;
    try {
      result = call("PutItem", request);
    } catch (DynamoDbException e) {
      if (e.type().equals("ConditionalCheckFailedException")) {
        throw duplicate();
      }
      throw e;
    }
    return writeResponse(result, false);
  }

  /** The key a write's WHERE clause names, and the condition its other parts make. */
  private record Target(Map<String, AttributeValue> key, Expr rest) {}

  private static Target target(TableMeta table, Expr where) {
    Translation.KeySplit split = Translation.split(where);
    Map<String, AttributeValue> key = split.key(table.key());
    if (key == null) {
      throw DynamoDbException.validation("Where clause does not contain a mandatory equality on all key attributes");
    }
    return new Target(key, split.restWithout(key.keySet()));
  }

  private ObjectNode updateRequest(Ast.Update s, TableMeta table, String returnValuesOnFailure) {
    Target target = target(table, s.where());
    Translation tr = new Translation();
    ObjectNode request = Translation.object();
    request.put("TableName", table.name());
    request.set("Key", AttributeValueJson.writeItem(target.key()));
    request.put("UpdateExpression", tr.update(s.actions()));
    String condition = "attribute_exists(" + tr.name(table.key().hash()) + ")";
    if (target.rest() != null) {
      condition += " AND (" + tr.condition(target.rest()) + ")";
    }
    request.put("ConditionExpression", condition);
    if (returnValuesOnFailure != null) {
      request.put("ReturnValuesOnConditionCheckFailure", returnValuesOnFailure);
    }
    tr.addTo(request);
    return request;
  }

  private ObjectNode update(Ast.Update s, Options options) {
    TableMeta table = table(s.table());
    ObjectNode request = updateRequest(s, table, options.returnValuesOnFailure());
    if (s.returning() != null) {
      request.put("ReturnValues", s.returning());
    }
    capacity(request, options);
    return writeResponse(call("UpdateItem", request), s.returning() != null);
  }

  private ObjectNode deleteRequest(Ast.Delete s, TableMeta table, String returnValuesOnFailure) {
    Target target = target(table, s.where());
    Translation tr = new Translation();
    ObjectNode request = Translation.object();
    request.put("TableName", table.name());
    request.set("Key", AttributeValueJson.writeItem(target.key()));
    if (target.rest() != null) {
      // no item: nothing to delete, and no error; an item the rest of the WHERE clause refuses: an error
      request.put("ConditionExpression", "attribute_not_exists(" + tr.name(table.key().hash()) + ") OR ("
          + tr.condition(target.rest()) + ")");
    }
    if (returnValuesOnFailure != null) {
      request.put("ReturnValuesOnConditionCheckFailure", returnValuesOnFailure);
    }
    tr.addTo(request);
    return request;
  }

  private ObjectNode delete(Ast.Delete s, Options options) {
    TableMeta table = table(s.table());
    ObjectNode request = deleteRequest(s, table, options.returnValuesOnFailure());
    if (s.returning() != null) {
      request.put("ReturnValues", s.returning());
    }
    capacity(request, options);
    return writeResponse(call("DeleteItem", request), s.returning() != null);
  }

  private static void capacity(ObjectNode request, Options options) {
    if (options.returnConsumedCapacity() != null) {
      request.put("ReturnConsumedCapacity", options.returnConsumedCapacity());
    }
  }

  private static ObjectNode writeResponse(JsonNode result, boolean returning) {
    ObjectNode response = Translation.object();
    ArrayNode items = response.putArray("Items");
    JsonNode attributes = result.get("Attributes");
    if (returning && attributes != null && !attributes.isNull()) {
      items.add(attributes);
    }
    if (result.has("ConsumedCapacity")) {
      response.set("ConsumedCapacity", result.get("ConsumedCapacity"));
    }
    return response;
  }

  // ---- single-item reads (batches and transactions) ----------------------------------------

  /** A SELECT of one item by its full primary key, with the rest of its WHERE clause as a filter. */
  private record KeyRead(TableMeta table, Map<String, AttributeValue> key, Condition filter, Ast.Select select) {

    /** The item as the statement answers it: null when absent or filtered out, else projected. */
    Map<String, AttributeValue> answer(Map<String, AttributeValue> item) {
      if (item == null || filter != null && !filter.test(item)) {
        return null;
      }
      return project(item, select.projection());
    }
  }

  private KeyRead keyRead(Ast.Select s) {
    TableMeta table = table(s.table());
    if (s.index() != null) {
      throw DynamoDbException.validation("Unsupported operation: a read of an index is not supported here");
    }
    if (s.where() == null) {
      throw DynamoDbException.validation("Where clause does not contain a mandatory equality on all key attributes");
    }
    Target target = target(table, s.where());
    Condition filter = null;
    if (target.rest() != null) {
      Translation tr = new Translation();
      String text = tr.condition(target.rest());
      filter = Expressions.condition(text, tr.context(), Kind.FILTER);
    }
    return new KeyRead(table, target.key(), filter, s);
  }

  // ---- BatchExecuteStatement ---------------------------------------------------------------

  JsonNode batchExecuteStatement(ObjectNode request) {
    JsonNode statements = request.get("Statements");
    if (statements == null || statements.isNull()) {
      throw DynamoDbException.validation("1 validation error detected: Value null at 'statements' failed to satisfy"
          + " constraint: Member must not be null");
    }
    if (statements.size() < 1 || statements.size() > MAX_BATCH) {
      throw DynamoDbException.validation("1 validation error detected: Value '" + statements + "' at 'statements'"
          + " failed to satisfy constraint: Member must have length "
          + (statements.size() < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_BATCH));
    }
    String mode = text(request, "ReturnConsumedCapacity");
    List<Object> parsed = new ArrayList<>();
    Boolean reads = null;
    int i = 0;
    for (JsonNode entry : statements) {
      i++;
      String field = "statements." + i + ".member";
      String text = statementText(entry.get("Statement"), field + ".statement");
      List<AttributeValue> parameters = parameters(entry.get("Parameters"), field + ".parameters");
      returnValuesOnFailure(entry, field + ".returnValuesOnConditionCheckFailure");
      try {
        Ast.Statement statement = Parser.parse(text, parameters);
        if (statement instanceof Ast.Exists) {
          throw DynamoDbException.validation("Unsupported operation: EXISTS can only be used in a transaction");
        }
        boolean read = statement instanceof Ast.Select;
        if (reads != null && reads != read) {
          throw DynamoDbException.validation("Unsupported operation: a batch holds either only reads or only writes");
        }
        reads = read;
        parsed.add(statement);
      } catch (DynamoDbException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("Unsupported operation: a batch")) {
          throw e;
        }
        parsed.add(e);
      }
    }
    ObjectNode response = Translation.object();
    ArrayNode responses = response.putArray("Responses");
    Map<String, Double> units = new LinkedHashMap<>();
    i = 0;
    for (JsonNode entry : statements) {
      Object p = parsed.get(i++);
      ObjectNode r = responses.addObject();
      if (p instanceof DynamoDbException e) {
        error(r, e);
        continue;
      }
      Ast.Statement statement = (Ast.Statement) p;
      String returnValuesOnFailure = text(entry, "ReturnValuesOnConditionCheckFailure");
      try {
        TableMeta table = table(statement.table());
        r.put("TableName", table.name());
        JsonNode result;
        switch (statement) {
          case Ast.Select s -> {
            KeyRead read = keyRead(s);
            ObjectNode get = Translation.object();
            get.put("TableName", table.name());
            get.set("Key", AttributeValueJson.writeItem(read.key()));
            if (entry.path("ConsistentRead").asBoolean(false)) {
              get.put("ConsistentRead", true);
            }
            addCapacityMode(get, mode);
            result = call("GetItem", get);
            JsonNode item = result.get("Item");
            Map<String, AttributeValue> answer = read.answer(item == null ? null : AttributeValueJson.readItem(item));
            if (answer != null) {
              r.set("Item", AttributeValueJson.writeItem(answer));
            }
          }
          case Ast.Insert s -> {
            ObjectNode put = insertRequest(s, table);
            addCapacityMode(put, mode);
            try {
              result = call("PutItem", put);
            } catch (DynamoDbException e) {
              throw e.type().equals("ConditionalCheckFailedException") ? duplicate() : e;
            }
          }
          case Ast.Update s -> {
            ObjectNode u = updateRequest(s, table, returnValuesOnFailure);
            addCapacityMode(u, mode);
            result = call("UpdateItem", u);
          }
          case Ast.Delete s -> {
            ObjectNode d = deleteRequest(s, table, returnValuesOnFailure);
            addCapacityMode(d, mode);
            result = call("DeleteItem", d);
          }
          case Ast.Exists s -> throw new IllegalStateException("refused above");
        }
        JsonNode consumed = result.get("ConsumedCapacity");
        if (consumed != null) {
          units.merge(table.name(), consumed.path("CapacityUnits").asDouble(), Double::sum);
        }
      } catch (DynamoDbException e) {
        error(r, e);
      }
    }
    if (mode != null && !mode.equals("NONE")) {
      ArrayNode capacity = response.putArray("ConsumedCapacity");
      units.forEach((t, u) -> capacity.addObject().put("TableName", t).put("CapacityUnits", u));
    }
    return response;
  }

  private static void addCapacityMode(ObjectNode request, String mode) {
    if (mode != null && !mode.equals("NONE")) {
      request.put("ReturnConsumedCapacity", "TOTAL");
    }
  }

  /** A statement's failure as a batch response: DynamoDB's error code without its "Exception" suffix. */
  private static void error(ObjectNode response, DynamoDbException e) {
    ObjectNode error = response.putObject("Error");
    error.put("Code", errorCode(e.type()));
    if (e.getMessage() != null) {
      error.put("Message", e.getMessage());
    }
    if (e.extra() != null && e.extra().has("Item")) {
      error.set("Item", e.extra().get("Item"));
    }
  }

  private static String errorCode(String type) {
    return switch (type) {
      case "ValidationException" -> "ValidationError";
      case "InternalServerError", "RequestLimitExceeded" -> type;
      default -> type.endsWith("Exception") ? type.substring(0, type.length() - "Exception".length()) : type;
    };
  }

  // ---- ExecuteTransaction ------------------------------------------------------------------

  JsonNode executeTransaction(ObjectNode request) {
    JsonNode statements = request.get("TransactStatements");
    if (statements == null || statements.isNull()) {
      throw DynamoDbException.validation("1 validation error detected: Value null at 'transactStatements' failed to"
          + " satisfy constraint: Member must not be null");
    }
    if (statements.size() < 1 || statements.size() > MAX_TRANSACTION) {
      throw DynamoDbException.validation("1 validation error detected: Value '" + statements + "' at"
          + " 'transactStatements' failed to satisfy constraint: Member must have length "
          + (statements.size() < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_TRANSACTION));
    }
    List<Ast.Statement> parsed = new ArrayList<>();
    List<String> returnValuesOnFailure = new ArrayList<>();
    int i = 0;
    for (JsonNode entry : statements) {
      i++;
      String field = "transactStatements." + i + ".member";
      String text = statementText(entry.get("Statement"), field + ".statement");
      List<AttributeValue> parameters = parameters(entry.get("Parameters"), field + ".parameters");
      returnValuesOnFailure.add(returnValuesOnFailure(entry, field + ".returnValuesOnConditionCheckFailure"));
      parsed.add(Parser.parse(text, parameters));
    }
    boolean reads = parsed.get(0) instanceof Ast.Select;
    for (Ast.Statement s : parsed) {
      if (s instanceof Ast.Select != reads) {
        throw DynamoDbException.validation("Unsupported operation: a transaction holds either only reads or only"
            + " writes and condition checks");
      }
    }
    return reads ? transactRead(request, parsed) : transactWrite(request, parsed, returnValuesOnFailure);
  }

  private JsonNode transactRead(ObjectNode request, List<Ast.Statement> statements) {
    List<KeyRead> reads = new ArrayList<>();
    ObjectNode get = Translation.object();
    ArrayNode items = get.putArray("TransactItems");
    for (Ast.Statement s : statements) {
      KeyRead read = keyRead((Ast.Select) s);
      reads.add(read);
      ObjectNode g = items.addObject().putObject("Get");
      g.put("TableName", read.table().name());
      g.set("Key", AttributeValueJson.writeItem(read.key()));
    }
    copy(request, get, "ReturnConsumedCapacity");
    JsonNode result = call("TransactGetItems", get);
    ObjectNode response = Translation.object();
    ArrayNode responses = response.putArray("Responses");
    int i = 0;
    for (JsonNode r : result.path("Responses")) {
      JsonNode item = r.get("Item");
      Map<String, AttributeValue> answer = reads.get(i++).answer(item == null ? null : AttributeValueJson.readItem(item));
      ObjectNode out = responses.addObject();
      if (answer != null) {
        out.set("Item", AttributeValueJson.writeItem(answer));
      }
    }
    if (result.has("ConsumedCapacity")) {
      response.set("ConsumedCapacity", result.get("ConsumedCapacity"));
    }
    return response;
  }

  private JsonNode transactWrite(ObjectNode request, List<Ast.Statement> statements, List<String> returnValuesOnFailure) {
    ObjectNode write = Translation.object();
    ArrayNode items = write.putArray("TransactItems");
    int i = 0;
    for (Ast.Statement s : statements) {
      String onFailure = returnValuesOnFailure.get(i++);
      TableMeta table = table(s.table());
      ObjectNode item = items.addObject();
      switch (s) {
        case Ast.Insert insert -> item.set("Put", insertRequest(insert, table));
        case Ast.Update update -> item.set("Update", updateRequest(update, table, onFailure));
        case Ast.Delete delete -> item.set("Delete", deleteRequest(delete, table, onFailure));
        case Ast.Exists exists -> item.set("ConditionCheck", conditionCheck(exists, table, onFailure));
        case Ast.Select select -> throw new IllegalStateException("refused above");
      }
    }
    copy(request, write, "ClientRequestToken");
    copy(request, write, "ReturnConsumedCapacity");
    JsonNode result;
    try {
      result = call("TransactWriteItems", write);
    } catch (DynamoDbException e) {
      throw e.type().equals("TransactionCanceledException") ? withDuplicates(e, statements) : e;
    }
    ObjectNode response = Translation.object();
    if (result.has("ConsumedCapacity")) {
      response.set("ConsumedCapacity", result.get("ConsumedCapacity"));
    }
    return response;
  }

  private ObjectNode conditionCheck(Ast.Exists exists, TableMeta table, String onFailure) {
    Ast.Select s = exists.select();
    if (s.index() != null || s.where() == null) {
      throw DynamoDbException.validation("Where clause does not contain a mandatory equality on all key attributes");
    }
    Target target = target(table, s.where());
    Translation tr = new Translation();
    ObjectNode check = Translation.object();
    check.put("TableName", table.name());
    check.set("Key", AttributeValueJson.writeItem(target.key()));
    String hash = tr.name(table.key().hash());
    String condition;
    if (!exists.negated()) {
      condition = "attribute_exists(" + hash + ")" + (target.rest() == null ? "" : " AND (" + tr.condition(target.rest()) + ")");
    } else {
      condition = "attribute_not_exists(" + hash + ")"
          + (target.rest() == null ? "" : " OR NOT (" + tr.condition(target.rest()) + ")");
    }
    check.put("ConditionExpression", condition);
    if (onFailure != null) {
      check.put("ReturnValuesOnConditionCheckFailure", onFailure);
    }
    tr.addTo(check);
    return check;
  }

  /** A failed INSERT cancels a transaction as a duplicate item, not as a failed condition. */
  private static DynamoDbException withDuplicates(DynamoDbException e, List<Ast.Statement> statements) {
    if (e.extra() == null || !(e.extra().get("CancellationReasons") instanceof ArrayNode reasons)) {
      return e;
    }
    ArrayNode rewritten = JsonNodeFactory.instance.arrayNode();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < reasons.size(); i++) {
      JsonNode reason = reasons.get(i);
      if (i < statements.size() && statements.get(i) instanceof Ast.Insert
          && "ConditionalCheckFailed".equals(reason.path("Code").asText())) {
        reason = Translation.object().put("Code", "DuplicateItem").put("Message", "Duplicate primary key exists in table");
      }
      rewritten.add(reason);
      codes.add(reason.path("Code").asText());
    }
    ObjectNode extra = e.extra().deepCopy();
    extra.set("CancellationReasons", rewritten);
    return new DynamoDbException(e.type(),
        "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes, e.status(), extra);
  }

  // ---- request fields ----------------------------------------------------------------------

  private TableMeta table(String name) {
    return state.store().find(name).orElseThrow(DynamoDbException::tableNotFound);
  }

  private static String text(JsonNode request, String field) {
    JsonNode v = request.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    JsonNode v = from.get(field);
    if (v != null && !v.isNull()) {
      to.set(field, v);
    }
  }

  private static String statementText(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      throw DynamoDbException.validation("1 validation error detected: Value null at '" + field + "' failed to satisfy"
          + " constraint: Member must not be null");
    }
    String text = node.asText();
    if (text.isEmpty() || text.length() > MAX_STATEMENT) {
      throw DynamoDbException.validation("1 validation error detected: Value '" + text + "' at '" + field + "' failed"
          + " to satisfy constraint: Member must have length " + (text.isEmpty() ? "greater than or equal to 1"
              : "less than or equal to " + MAX_STATEMENT));
    }
    return text;
  }

  private static List<AttributeValue> parameters(JsonNode node, String field) {
    List<AttributeValue> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isEmpty()) {
      throw DynamoDbException.validation("1 validation error detected: Value '[]' at '" + field + "' failed to satisfy"
          + " constraint: Member must have length greater than or equal to 1");
    }
    for (JsonNode p : node) {
      out.add(AttributeValueJson.read(p));
    }
    return out;
  }

  private static String returnValuesOnFailure(JsonNode request, String field) {
    String v = text(request, "ReturnValuesOnConditionCheckFailure");
    if (v != null && !v.equals("ALL_OLD") && !v.equals("NONE")) {
      throw DynamoDbException.validation("1 validation error detected: Value '" + v + "' at '" + field + "' failed to"
          + " satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]");
    }
    return v;
  }
}
