package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labvault.local.template.EventSource;
import org.labvault.local.template.StackModel;
import org.labvault.local.template.Template;

/** openapi.yaml: a valid OpenAPI 3.1 document of exactly the template's routes. */
class OpenApiDocumentTest {

  private static OpenAPI document;
  private static StackModel model;
  private static Map<String, Operation> documented;

  @BeforeAll
  static void load() {
    Path root = Path.of(System.getProperty("labvault.root", ".."));
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readLocation(
        root.resolve("openapi.yaml").toUri().toString(), null, options);
    assertThat(result.getMessages()).as("what the parser found wrong").isEmpty();
    document = result.getOpenAPI();
    model = StackModel.build(Template.load(root.resolve("template.yaml")), "us-east-1", "000000000000", "labvault-test");
    documented = new LinkedHashMap<>();
    document.getPaths().forEach((path, item) -> item.readOperationsMap()
        .forEach((method, operation) -> documented.put(method.name() + " " + path, operation)));
  }

  private static Set<String> templateRoutes() {
    return model.routes().stream().map(OpenApiDocumentTest::key).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String key(EventSource.HttpRoute route) {
    return route.method().toUpperCase(Locale.ROOT) + " " + route.path();
  }

  /** A response given by reference to the shared ones in components. */
  private static ApiResponse resolved(ApiResponse response) {
    if (response.get$ref() == null) {
      return response;
    }
    String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
    ApiResponse shared = document.getComponents().getResponses().get(name);
    assertThat(shared).as(response.get$ref()).isNotNull();
    return shared;
  }

  @Test
  void isAnOpenApi31Document() {
    assertThat(document.getOpenapi()).startsWith("3.1.");
    assertThat(document.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");
    assertThat(document.getSecurity()).singleElement().satisfies(s -> assertThat(s).containsOnlyKeys("bearer"));
  }

  @Test
  void documentsEveryRouteOfTheTemplate() {
    assertThat(documented.keySet()).as("the template's routes missing from openapi.yaml")
        .containsAll(templateRoutes());
  }

  @Test
  void documentsNoRouteTheTemplateLacks() {
    assertThat(templateRoutes()).as("routes of openapi.yaml that the template does not have")
        .containsAll(documented.keySet());
  }

  @Test
  void publicRoutesAreExactlyTheTemplatesRoutesWithoutAuthorizer() {
    Set<String> publicInTemplate = model.routes().stream().filter(r -> model.authorizerOf(r) == null)
        .map(OpenApiDocumentTest::key).collect(Collectors.toCollection(TreeSet::new));
    Set<String> publicInDocument = documented.entrySet().stream()
        .filter(e -> e.getValue().getSecurity() != null && e.getValue().getSecurity().isEmpty())
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    assertThat(publicInTemplate).isNotEmpty();
    assertThat(publicInDocument).isEqualTo(publicInTemplate);
  }

  @Test
  void everyRouteDocumentsTheProblemsEveryRouteCanAnswer() {
    documented.forEach((route, operation) -> {
      boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
      List<String> common = open ? List.of("400", "413", "415", "429", "431", "503")
          : List.of("400", "401", "413", "415", "429", "431", "503");
      assertThat(operation.getResponses()).as(route).containsKeys(common.toArray(String[]::new));
      if (open) {
        assertThat(operation.getResponses()).as(route + ": a public route asks for no credentials").doesNotContainKey("401");
      }
    });
  }

  @Test
  void everyOpsRouteIsForOperatorsOnly() {
    documented.forEach((route, operation) -> {
      if (route.split(" ", 2)[1].startsWith("/ops/")) {
        assertThat(operation.getResponses()).as(route).containsKey("403");
      }
    });
  }

  @Test
  void errorsAreProblemDocumentsAndSuccessesJson() {
    documented.forEach((route, operation) -> operation.getResponses().forEach((status, response) -> {
      ApiResponse r = resolved(response);
      if (status.startsWith("4") || status.startsWith("5")) {
        assertThat(r.getContent()).as(route + " " + status).containsOnlyKeys("application/problem+json");
        assertThat(r.getContent().get("application/problem+json").getSchema()).as(route + " " + status).isNotNull();
      } else if (status.equals("204")) {
        assertThat(r.getContent()).as(route + " " + status).isNullOrEmpty();
      } else {
        assertThat(r.getContent()).as(route + " " + status).containsOnlyKeys("application/json");
      }
    }));
  }
}
