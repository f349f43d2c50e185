package org.labvault.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTP API's DefaultRouteSettings and RouteSettings as the stack reads them. */
class ThrottleTemplateTest {

  @TempDir Path dir;

  private StackModel model(String apiProperties, Map<String, String> overrides) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Rate: {Type: Number, Default: 50}
          Burst: {Type: Number, Default: 100}
        Resources:
          Api:
            Type: AWS::Serverless::HttpApi
            Properties:
        %s
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Handler::handleRequest
              Runtime: java21
              CodeUri: .
              Events:
                Read: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: "/things/{id}", Method: get}}
                Create: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /things, Method: POST}}
                Health: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /health, Method: GET}}
        """.formatted(apiProperties.indent(6).stripTrailing()));
    return StackModel.build(Template.load(file), "eu-west-1", "111122223333", "lv", overrides);
  }

  private StackModel model(String apiProperties) throws IOException {
    return model(apiProperties, Map.of());
  }

  private static EventSource.HttpRoute route(StackModel model, String routeKey) {
    return model.routes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst().orElseThrow();
  }

  private java.util.List<String> problems(String apiProperties) {
    return catchThrowableOfType(TemplateException.class, () -> model(apiProperties)).problems();
  }

  private static final String SETTINGS = """
      DefaultRouteSettings:
        ThrottlingBurstLimit: !Ref Burst
        ThrottlingRateLimit: !Ref Rate
      RouteSettings:
        "POST /things":
          ThrottlingBurstLimit: 4
          ThrottlingRateLimit: 0.5
      """;

  @Test
  void aRouteWithItsOwnSettingsHasThem_everyOtherRouteTheDefault() throws IOException {
    StackModel model = model(SETTINGS);
    assertThat(model.throttleOf(route(model, "POST /things"))).isEqualTo(new Model.Throttle(4, 0.5));
    assertThat(model.throttleOf(route(model, "GET /things/{id}"))).isEqualTo(new Model.Throttle(100, 50));
    assertThat(model.throttleOf(route(model, "GET /health"))).isEqualTo(new Model.Throttle(100, 50));
  }

  @Test
  void parameterOverridesSetTheLimits_asForADeploy() throws IOException {
    StackModel model = model(SETTINGS, Map.of("Rate", "0.25", "Burst", "2"));
    assertThat(model.throttleOf(route(model, "GET /health"))).isEqualTo(new Model.Throttle(2, 0.25));
    assertThat(model.throttleOf(route(model, "POST /things"))).isEqualTo(new Model.Throttle(4, 0.5));
  }

  @Test
  void withoutSettingsNoRouteIsThrottled() throws IOException {
    StackModel model = model("Description: no limits");
    assertThat(model.routes()).isNotEmpty().allSatisfy(r -> assertThat(model.throttleOf(r)).isNull());
    StackModel onlyRoutes = model("""
        RouteSettings:
          "GET /health": {ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1}
        """);
    assertThat(onlyRoutes.throttleOf(route(onlyRoutes, "GET /health"))).isEqualTo(new Model.Throttle(1, 1));
    assertThat(onlyRoutes.throttleOf(route(onlyRoutes, "POST /things"))).isNull();
  }

  @Test
  void aRouteKeyMustNameARouteOfTheApi_exactly() {
    assertThat(problems("""
        RouteSettings:
          "GET /things/{thingId}": {ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1}
          "post /things": {ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1}
          "GET /health": {ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1}
        """)).containsExactly(
            "Api.RouteSettings.GET /things/{thingId} names no route of Api (route keys are METHOD /path exactly as the events declare them)",
            "Api.RouteSettings.post /things names no route of Api (route keys are METHOD /path exactly as the events declare them)");
  }

  @Test
  void anEntryGivesBothLimits_becauseItReplacesTheDefault() {
    assertThat(problems("""
        RouteSettings:
          "GET /health": {ThrottlingRateLimit: 1}
        """)).singleElement().asString()
        .startsWith("Api.RouteSettings.GET /health: give both ThrottlingBurstLimit and ThrottlingRateLimit");
    assertThat(problems("DefaultRouteSettings: {ThrottlingBurstLimit: 5}")).singleElement().asString()
        .startsWith("Api.DefaultRouteSettings: give both");
  }

  @Test
  void limitsAreNumbersOfAtLeastZero_andTheBurstAWholeOne() {
    assertThat(problems("DefaultRouteSettings: {ThrottlingBurstLimit: 2.5, ThrottlingRateLimit: 1}"))
        .containsExactly("Api.DefaultRouteSettings.ThrottlingBurstLimit must be a whole number, not 2.5");
    assertThat(problems("DefaultRouteSettings: {ThrottlingBurstLimit: 5, ThrottlingRateLimit: -1}"))
        .containsExactly("Api.DefaultRouteSettings.ThrottlingRateLimit must be a number of at least 0, not -1");
    assertThat(problems("DefaultRouteSettings: {ThrottlingBurstLimit: many, ThrottlingRateLimit: 1}"))
        .containsExactly("Api.DefaultRouteSettings.ThrottlingBurstLimit must be a number of at least 0, not many");
  }

  @Test
  void settingsHttpApisDoNotHaveAreRefused_metricsAreNoted() throws IOException {
    assertThat(problems("DefaultRouteSettings: {LoggingLevel: INFO, ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1}"))
        .containsExactly("Api.DefaultRouteSettings.LoggingLevel applies to WebSocket APIs only; an HTTP API refuses it");
    assertThat(problems("DefaultRouteSettings: {ThrottlingBurstLimt: 1}")).singleElement().asString()
        .contains("ThrottlingBurstLimt");
    StackModel metrics = model("""
        DefaultRouteSettings: {DetailedMetricsEnabled: true, ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1}
        """);
    assertThat(metrics.notes()).anySatisfy(n -> assertThat(n).startsWith("Api.DefaultRouteSettings.DetailedMetricsEnabled"));
  }

  @Test
  void theTemplateThrottlesEveryRoute_costlyOnesTighter() {
    Path root = Path.of(System.getProperty("labvault.root", ".."));
    StackModel model = StackModel.build(Template.load(root.resolve("template.yaml")), "us-east-1", "000000000000", "labvault-local");
    Model.Throttle defaults = model.throttleOf(route(model, "GET /health"));
    assertThat(defaults).isEqualTo(new Model.Throttle(400, 200));
    assertThat(model.routes()).allSatisfy(r -> assertThat(model.throttleOf(r)).as(r.routeKey()).isNotNull());
    for (String costly : java.util.List.of("POST /groups/{groupId}/assets", "POST /permissions/check",
        "POST /groups/{groupId}/invitations", "POST /ops/backups/run", "POST /ops/audit/verify")) {
      Model.Throttle throttle = model.throttleOf(route(model, costly));
      assertThat(throttle.rateLimit()).as(costly).isLessThan(defaults.rateLimit());
      assertThat(throttle.burstLimit()).as(costly).isLessThan(defaults.burstLimit());
    }
  }
}
