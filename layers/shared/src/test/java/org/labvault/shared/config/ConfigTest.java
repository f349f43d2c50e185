package org.labvault.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void require_shouldNameTheMissingVariable() {
    Config config = Config.from(Map.of());
    assertThatThrownBy(() -> config.require("TABLE_NAME"))
        .isInstanceOf(Config.ConfigException.class)
        .hasMessage("environment variable TABLE_NAME is not set");
  }

  @Test
  void optional_shouldTreatBlankAsAbsent() {
    assertThat(Config.from(Map.of("X", "  ")).optional("X")).isEmpty();
    assertThat(Config.from(Map.of("X", " v ")).optional("X")).contains("v");
  }

  @Test
  void endpointOverride_shouldPreferTheServiceSpecificVariable() {
    Config config = Config.from(Map.of(
        "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
        "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:2"));
    assertThat(config.endpointOverride("dynamodb")).contains(URI.create("http://127.0.0.1:2"));
    assertThat(config.endpointOverride("s3")).contains(URI.create("http://127.0.0.1:1"));
    assertThat(Config.from(Map.of()).endpointOverride("s3")).isEmpty();
  }

  @Test
  void namesRead_shouldListEveryVariableAskedFor() {
    Config config = Config.from(Map.of("A", "1"));
    config.optional("A");
    config.optional("B");
    assertThat(config.namesRead()).containsExactly("A", "B");
  }
}
