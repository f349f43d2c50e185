package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every deployable (the shared layer and each function) has its CycloneDX SBOM in target/bom.json,
 * listing what it runs with. Run by failsafe after every module is packaged: this module depends
 * on all of them, so in one reactor build their package phase comes first.
 */
class DeployableSbomCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MODULE = Pattern.compile("<module>((?:layers|functions)/[^<]+)</module>");

  private static Path root;
  private static List<String> deployables;

  @BeforeAll
  static void findDeployables() throws IOException {
    root = Path.of(System.getProperty("labvault.root", ".."));
    Matcher modules = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
    deployables = modules.results().map(m -> m.group(1)).toList();
    assertThat(deployables).contains("layers/shared", "functions/assets", "functions/instruments");
  }

  @Test
  void everyDeployableHasItsSbom_namingItself() throws IOException {
    for (String module : deployables) {
      JsonNode bom = sbom(module);
      assertThat(bom.path("bomFormat").asText()).as(module).isEqualTo("CycloneDX");
      String artifactId = "labvault-" + module.substring(module.indexOf('/') + 1);
      assertThat(bom.path("metadata").path("component").path("name").asText()).as(module).isEqualTo(artifactId);
    }
  }

  @Test
  void theLayersSbom_listsEveryJarTheLayerShips() throws IOException {
    // the layer's runtime class path, written by the dependency plugin: the jars in java/lib
    String classpath = Files.readString(root.resolve("layers/shared/target/layer.classpath")).trim();
    Set<String> shipped = Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of)
        .map(jar -> jar.getParent().getParent().getFileName() + "@" + jar.getParent().getFileName())
        .collect(Collectors.toSet());

    assertThat(shipped).hasSizeGreaterThan(20);
    assertThat(components(sbom("layers/shared"))).containsAll(shipped);
  }

  @Test
  void everyFunctionsSbom_listsTheLayerAndAllItCarries() throws IOException {
    JsonNode layerSbom = sbom("layers/shared");
    String layerItself = "labvault-shared@" + layerSbom.path("metadata").path("component").path("version").asText();
    Set<String> layer = components(layerSbom);
    for (String module : deployables.stream().filter(m -> m.startsWith("functions/")).toList()) {
      assertThat(components(sbom(module))).as(module).contains(layerItself).containsAll(layer);
    }
  }

  private static JsonNode sbom(String module) throws IOException {
    Path file = root.resolve(module).resolve("target/bom.json");
    assertThat(file).as("the SBOM the package phase writes for " + module
        + " (build the deployables in the same run: -am)").isRegularFile();
    return JSON.readTree(file.toFile());
  }

  /** The components as "artifactId@version". */
  private static Set<String> components(JsonNode bom) {
    Set<String> out = new HashSet<>();
    bom.path("components").forEach(c -> out.add(c.path("name").asText() + "@" + c.path("version").asText()));
    return out;
  }
}
