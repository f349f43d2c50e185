package org.labvault.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaEnvironmentTest {

  static final Map<String, String> LOCAL = Map.of(
      "https://localhttpapi.execute-api.us-east-1.amazonaws.com", "http://127.0.0.1:3000",
      "https://labvault-dev-000000000000.auth.us-east-1.amazoncognito.com", "http://127.0.0.1:3000/local");

  @Test
  void awsUrlsOfTheStackPointAtTheLocalOnes_withTheirPaths() {
    var env = LambdaEnvironment.withLocalUrls(Map.of(
        "LABVAULT_API_URL", "https://localhttpapi.execute-api.us-east-1.amazonaws.com",
        "TOKEN_URL", "https://labvault-dev-000000000000.auth.us-east-1.amazoncognito.com/oauth2/token"), LOCAL);
    assertThat(env).containsEntry("LABVAULT_API_URL", "http://127.0.0.1:3000")
        .containsEntry("TOKEN_URL", "http://127.0.0.1:3000/local/oauth2/token");
  }

  @Test
  void otherValuesAndLookAlikesStayAsTheyAre() {
    var env = LambdaEnvironment.withLocalUrls(Map.of(
        "OTHER_API", "https://localhttpapi.execute-api.us-east-1.amazonaws.com.evil.example/x",
        "TABLE_NAME", "labvault-local-DataTable"), LOCAL);
    assertThat(env).containsEntry("OTHER_API", "https://localhttpapi.execute-api.us-east-1.amazonaws.com.evil.example/x")
        .containsEntry("TABLE_NAME", "labvault-local-DataTable");
  }
}
