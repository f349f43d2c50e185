package org.labvault.shared.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import org.labvault.shared.json.Json;

/** Reads handler responses in tests. */
public final class Responses {
  private Responses() {}

  public static JsonNode body(APIGatewayV2HTTPResponse response) {
    try {
      return Json.instance().mapper().readTree(response.getBody());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problem's {@code code}, after checking the response is a well-formed problem document. */
  public static String problemCode(APIGatewayV2HTTPResponse response) {
    JsonNode problem = body(response);
    if (!"application/problem+json".equals(response.getHeaders().get("Content-Type"))
        || problem.path("status").asInt() != response.getStatusCode()
        || !problem.hasNonNull("type") || !problem.hasNonNull("title") || !problem.hasNonNull("detail")) {
      throw new AssertionError("not a problem document: " + response.getHeaders() + " " + response.getBody());
    }
    return problem.path("code").asText();
  }
}
