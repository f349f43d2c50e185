package org.labvault.shared.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.aws.DynamoAuditLog;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.aws.RestorableCredentials;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;
import org.labvault.shared.id.Ids;
import org.labvault.shared.testing.ApiEvent;
import org.labvault.shared.testing.Authorizers;
import org.labvault.shared.testing.EmbeddedTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class SnapStartFunctionTest {

  private final EmbeddedTable table = new EmbeddedTable();
  private final Config config = Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, "1"));
  private final Priming priming = new Priming(table.client(), config);

  @AfterEach
  void close() {
    table.close();
  }

  /** A function whose priming request is given by the test. */
  private final class Function extends SnapStartFunction {
    private final Runnable request;

    Function(Runnable request) {
      this.request = request;
      primedBy(priming);
    }

    @Override
    protected void primeRequest() {
      request.run();
    }
  }

  @Test
  void beforeCheckpoint_shouldServeThePrimingRequestInsideThePrimingScopeOnly() {
    List<Boolean> seen = new ArrayList<>();
    new Function(() -> seen.add(PrimingScope.active())).beforeCheckpoint(null);
    assertThat(seen).containsExactly(true);
    assertThat(PrimingScope.active()).as("the scope closes with the request").isFalse();
  }

  @Test
  void beforeCheckpoint_shouldNotFailTheSnapshot_whenPrimingFails() {
    var function = new Function(() -> {
      throw new IllegalStateException("the store is unreachable");
    });
    function.beforeCheckpoint(null); // logged; the snapshot is still taken
    assertThat(PrimingScope.active()).isFalse();
    assertThat(function.primingFailure()).get().extracting(Throwable::getMessage).isEqualTo("the store is unreachable");
    assertThat(new Function(() -> {
      throw new NoClassDefFoundError("a layer that does not match");
    })).satisfies(f -> {
      f.beforeCheckpoint(null);
      assertThat(f.primingFailure()).containsInstanceOf(NoClassDefFoundError.class);
    });
  }

  @Test
  void primingScope_shouldKeepARefusalOutOfTheAuditTrail_andRefuseAnyChange() {
    var audit = new DynamoAuditLog(table.client(), config);
    var refusal = new AuditEvent("labvault-priming", "group:read", "group:x", AuditEvent.Decision.DENY, null, "priming",
        Instant.parse("2026-11-30T00:00:00Z"));
    AtomicInteger changes = new AtomicInteger();
    var allowed = new AuditEvent("labvault-priming", "group:update", "group:x", AuditEvent.Decision.ALLOW, "ADMIN",
        "priming", Instant.parse("2026-11-30T00:00:00Z"));
    new Function(() -> {
      audit.record(refusal);
      assertThatThrownBy(() -> audit.recordWith(allowed, changes::incrementAndGet))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> audit.record(allowed)).isInstanceOf(IllegalStateException.class);
    }).beforeCheckpoint(null);
    assertThat(changes).hasValue(0);
    assertThat(table.client().scan(b -> b.tableName(EmbeddedTable.NAME)).count()).as("nothing written").isZero();

    audit.record(refusal); // outside the scope a refusal is recorded as always
    assertThat(table.client().scan(b -> b.tableName(EmbeddedTable.NAME)).count()).isPositive();
  }

  @Test
  void afterRestore_shouldGiveTheRestoredCopyANewRandomSourceAndFreshCredentials() {
    SecureRandom before = Ids.random();
    AtomicInteger fetched = new AtomicInteger();
    var credentials = new RestorableCredentials(() -> {
      fetched.incrementAndGet();
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID" + fetched.get(), "secret"));
    });
    assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKID1");

    new Function(() -> {}).afterRestore(null);

    assertThat(Ids.random()).isNotSameAs(before);
    assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKID2");
  }

  @Test
  void routerPrime_shouldLogItsAnswerWithoutAStatus_soTheRefusalsMetricDoesNotCountIt() {
    Router router = Router.builder().on("GET /groups/{groupId}", r -> {
      throw Authorizer.notFound();
    }).build();
    var lines = new ByteArrayOutputStream();
    var stdout = System.out;
    System.setOut(new PrintStream(lines, true, StandardCharsets.UTF_8));
    try {
      new Function(() -> router.prime("GET /groups/{groupId}", Map.of("groupId", Priming.NO_SUCH_ID), null))
          .beforeCheckpoint(null);
      router.handle(ApiEvent.route("GET /groups/{groupId}").as("bob", "acme")
          .path("groupId", Priming.NO_SUCH_ID).build(), null);
    } finally {
      System.setOut(stdout);
    }
    List<String> handled = lines.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("handled")).toList();
    assertThat(handled).hasSize(2);
    assertThat(handled.get(0)).contains("\"message\":\"Priming request handled\"").doesNotContain("\"status\"");
    assertThat(handled.get(1)).contains("\"message\":\"Request handled\"").contains("\"status\":404");
  }

  @Test
  void readStore_shouldFindNothing_andWriteNothing() {
    assertThat(priming.readStore("ASSET#" + Priming.NO_SUCH_ID)).isTrue();
    assertThat(table.client().scan(b -> b.tableName(EmbeddedTable.NAME)).count()).isZero();
  }

  @Test
  void routerPrime_shouldServeTheRouteAsTheCallerNothingBelongsTo() {
    List<Principal> callers = new ArrayList<>();
    List<AuditEvent> audited = new ArrayList<>();
    Router router = Router.builder()
        .authorizing(Authorizers.knowingNoMembers(audited::add, java.time.Clock.systemUTC()))
        .on("GET /groups/{groupId}", r -> {
          callers.add(r.principal());
          return ApiResponse.ok(Map.of("groupId", r.path("groupId")));
        })
        .on("GET /ops/things", r -> ApiResponse.ok(Map.of()))
        .on("GET /boom", r -> {
          throw new IllegalStateException("a bug");
        })
        .build();

    assertThat(router.prime("GET /groups/{groupId}", Map.of("groupId", Priming.NO_SUCH_ID), null)).isEqualTo(200);
    assertThat(callers).singleElement().satisfies(p -> {
      assertThat(p.userId()).isEqualTo(Router.PRIMING_USER);
      assertThat(p.tenantId()).isEmpty();
      assertThat(p.isOperator()).isFalse();
    });
    assertThat(router.prime("GET /priming", Map.of(), null)).as("an unknown route is a 404 problem").isEqualTo(404);
    assertThatThrownBy(() -> router.prime("GET /boom", Map.of(), null))
        .as("a priming request that failed primed little: the hook reports it")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> router.prime("GET /ops/things", Map.of(), null))
        .as("every use of an /ops route is audited: it cannot prime")
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(audited).as("priming is no caller's privileged access").isEmpty();
  }
}
