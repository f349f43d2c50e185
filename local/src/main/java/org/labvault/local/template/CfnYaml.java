package org.labvault.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML: the short forms ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...})
 * become the long forms ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A","B"]}} ...).
 */
final class CfnYaml {

  private static final List<String> FUNCTIONS =
      List.of(
          "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select",
          "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString", "Length");

  private CfnYaml() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object doc = yaml().load(reader);
      if (!(doc instanceof Map)) {
        throw new TemplateException(file.getFileName() + " is not a YAML mapping");
      }
      return (Map<String, Object>) doc;
    }
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false); // CloudFormation refuses them too
    return new Yaml(new Constructor(options));
  }

  private static final class Constructor extends SafeConstructor {
    Constructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      for (String fn : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
      }
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String name;

      Intrinsic(String name) {
        this.name = name;
      }

      @Override
      public Object construct(Node node) {
        Object value =
            switch (node) {
              case ScalarNode s -> constructScalar(s);
              case SequenceNode s -> constructSequence(s);
              case MappingNode m -> constructMapping(m);
              default -> throw new TemplateException("unreadable " + name + " at line " + line(node));
            };
        if (name.equals("Fn::GetAtt") && value instanceof String s) {
          int dot = s.indexOf('.');
          value = dot < 0 ? List.of(s) : List.of(s.substring(0, dot), s.substring(dot + 1));
        }
        return Map.of(name, value);
      }

      private int line(Node node) {
        return node.getStartMark() == null ? -1 : node.getStartMark().getLine() + 1;
      }
    }
  }
}
