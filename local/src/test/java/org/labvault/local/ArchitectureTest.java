package org.labvault.local;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.auth.Role;

/** The hexagonal rules of the house, for every function and the shared layer. */
@AnalyzeClasses(packages = "org.labvault",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestFixtures.class})
class ArchitectureTest {

  /** The shared test fixtures come in a jar, which DoNotIncludeTests does not recognise. */
  static final class NoTestFixtures implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("-tests.jar") && !location.contains("/org/labvault/shared/testing/");
    }
  }

  @ArchTest
  static final ArchRule domainAndPortsKnowNoSdk =
      noClasses().that().resideInAnyPackage("..domain..", "..port..")
          .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..");

  /** Ports, domain and the authorization path speak LabVault's terms, not HTTP's: no request, response or event types. */
  @ArchTest
  static final ArchRule domainPortsAndAuthKnowNoHttp =
      noClasses().that().resideInAnyPackage("..domain..", "..port..", "org.labvault.shared.auth..")
          .should().dependOnClassesThat().resideInAnyPackage("org.labvault.shared.http..",
              "com.amazonaws.services.lambda.runtime.events..");

  @ArchTest
  static final ArchRule onlyAdaptersTalkToAws =
      noClasses().that().resideInAPackage("org.labvault..")
          .and().resideOutsideOfPackages("..adapter..", "org.labvault.shared.aws..", "org.labvault.local..",
              "org.labvault.dynamodb.server..") // the engine's in-process transport is an SDK HTTP client
          .and().haveNameNotMatching(".*\\.Dagger[^.]*") // generated wiring of the components
          .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

  @ArchTest
  static final ArchRule onlyHandlersReadTheProcessEnvironment =
      noClasses().that().resideInAPackage("org.labvault..")
          .and().haveSimpleNameNotEndingWith("Handler")
          .should().callMethod(System.class, "getenv");

  /**
   * Services and domain know no adapter. The readers of the table's stream are exempt: a stream
   * image is an item, read by the names its item mapper defines.
   */
  @ArchTest
  static final ArchRule servicesAndDomainKnowNoAdapter =
      noClasses().that().resideInAPackage("org.labvault..").and().resideOutsideOfPackages("..adapter..", "org.labvault.local..")
          .and().haveNameNotMatching(".*\\.Dagger[^.]*").and().haveSimpleNameNotEndingWith("Module")
          .and().haveNameNotMatching(".*\\.[A-Za-z]*Stream(Change|Records)(\\$.*)?")
          .should().dependOnClassesThat().resideInAPackage("..adapter..");

  @ArchTest
  static final ArchRule theSharedLayerDependsOnNoFunction =
      noClasses().that().resideInAPackage("org.labvault.shared..")
          .should().dependOnClassesThat().resideInAnyPackage("org.labvault.ops..", "org.labvault.groups..", "org.labvault.permissions..",
              "org.labvault.assets..", "org.labvault.uploadevents..", "org.labvault.deletion..", "org.labvault.fanout..", "org.labvault.backup..", "org.labvault.sampleeln..",
              "org.labvault.monitor..", "org.labvault.canary..", "org.labvault.local..");

  @ArchTest
  static final ArchRule functionsDoNotDependOnTheLocalStack =
      noClasses().that().resideInAPackage("org.labvault..").and().resideOutsideOfPackage("org.labvault.local..")
          .should().dependOnClassesThat().resideInAPackage("org.labvault.local..");

  /** Functions and the shared layer never reach the local DynamoDB engine: it is for tests and the stack. */
  @ArchTest
  static final ArchRule onlyTheLocalStackUsesTheDynamoDbEngine =
      noClasses().that().resideInAPackage("org.labvault..")
          .and().resideOutsideOfPackages("org.labvault.local..", "org.labvault.dynamodb..")
          .should().dependOnClassesThat().resideInAPackage("org.labvault.dynamodb..");

  /** The engine is a module of its own: it knows nothing else of LabVault. */
  @ArchTest
  static final ArchRule theDynamoDbEngineDependsOnNothingElseOfLabVault =
      noClasses().that().resideInAPackage("org.labvault.dynamodb..")
          .should().dependOnClassesThat().resideInAnyPackage("org.labvault.shared..", "org.labvault.local..",
              "org.labvault.ops..", "org.labvault.groups..", "org.labvault.permissions..", "org.labvault.assets..",
              "org.labvault.uploadevents..", "org.labvault.deletion..", "org.labvault.fanout..", "org.labvault.backup..", "org.labvault.sampleeln..",
              "org.labvault.monitor..", "org.labvault.canary..");

  /** Only the Backup function reaches the backup bucket: deleting an asset never touches its copy. */
  @ArchTest
  static final ArchRule onlyTheBackupFunctionUsesTheBackupBucket =
      noClasses().that().resideInAPackage("org.labvault..")
          .and().resideOutsideOfPackages("org.labvault.backup..", "org.labvault.shared.backup..")
          .and().haveNameNotMatching(".*\\.Dagger[^.]*")
          .should().dependOnClassesThat().resideInAPackage("org.labvault.shared.backup..");

  /** The canary is a client: it reaches LabVault's data only through the public API, as a client does. */
  @ArchTest
  static final ArchRule theCanaryReachesDataOnlyThroughTheApi =
      noClasses().that().resideInAPackage("org.labvault.canary..")
          .should().dependOnClassesThat().resideInAnyPackage("org.labvault.shared.asset..", "org.labvault.shared.auth..",
              "org.labvault.shared.deletion..", "org.labvault.shared.instrument..", "org.labvault.shared.backup..",
              "org.labvault.shared.audit..", "software.amazon.awssdk.services.s3..");

  /**
   * Authorization in one place: only the Authorizer asks what a role allows. Storage re-checks roles
   * with {@link Role#allowing}, and the membership rules keep only what the Authorizer cannot know.
   */
  @ArchTest
  static final ArchRule onlyTheAuthorizerAsksWhatARoleAllows =
      noClasses().that().resideInAPackage("org.labvault..").and().doNotBelongToAnyOf(Authorizer.class, Role.class)
          .should().callMethod(Role.class, "allows", Action.class)
          .orShould().callMethod(Role.class, "actions");

  /** Storage names no role of its own in a condition: the roles come from {@link Role#allowing}. */
  @ArchTest
  static final ArchRule adaptersNameNoRole =
      noClasses().that().resideInAPackage("..adapter..")
          .should().getField(Role.class, "ADMIN").orShould().getField(Role.class, "EDIT_DELETE")
          .orShould().getField(Role.class, "EDIT").orShould().getField(Role.class, "READ_ONLY");

  /** The operator gate is the Authorizer's decision: the HTTP glue only asks it. */
  @ArchTest
  static final ArchRule theRouterDecidesNoOperatorAccess =
      noClasses().that().resideInAPackage("org.labvault.shared.http..")
          .should().callMethod(Principal.class, "isOperator");

  /**
   * Audit records are made in one place: the Authorizer's decisions and the audit package's typed
   * factory; nothing else builds one from loose strings.
   */
  @ArchTest
  static final ArchRule onlyTheAuditPathBuildsAuditEvents =
      noClasses().that().resideInAPackage("org.labvault..")
          .and().resideOutsideOfPackages("org.labvault.shared.auth..", "org.labvault.shared.audit..")
          .should().callConstructorWhere(target(owner(equivalentTo(AuditEvent.class))));
}
