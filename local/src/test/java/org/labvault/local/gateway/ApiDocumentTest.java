package org.labvault.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.shared.json.Json;

class ApiDocumentTest {

  @TempDir Path dir;

  @Test
  void theDocumentBesideTheTemplateIsServedAsJson() throws Exception {
    Files.writeString(dir.resolve("openapi.yaml"), """
        openapi: 3.1.0
        paths:
          /health:
            get:
              security: []
              responses:
                '200': {description: ok}
        """);
    var document = ApiDocument.besideTemplate(dir.resolve("template.yaml")).orElseThrow();
    var json = Json.instance().mapper().readTree(document.json());
    assertThat(json.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(json.path("paths").path("/health").path("get").path("responses").has("200")).isTrue();
    assertThat(json.path("paths").path("/health").path("get").path("security").isArray()).isTrue();
  }

  @Test
  void aTemplateWithoutADocumentHasNone() {
    assertThat(ApiDocument.besideTemplate(dir.resolve("template.yaml"))).isEmpty();
  }

  @Test
  void aDocumentThatIsNotYamlStopsTheStartNamingIt() throws Exception {
    Files.writeString(dir.resolve("openapi.yaml"), "openapi: [3.1.0\n");
    assertThatThrownBy(() -> ApiDocument.besideTemplate(dir.resolve("template.yaml")))
        .hasMessageContaining("openapi.yaml");
  }
}
