package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

  @Test
  void parse_shouldDefaultAsTheContractSays() throws Exception {
    var o = StackOptions.parse();
    assertThat(o.port()).isEqualTo(3000);
    assertThat(o.mqttPort()).isEqualTo(8883);
    assertThat(o.stateDir()).isEqualTo(Path.of(".labvault-local"));
    assertThat(o.fresh()).isFalse();
    assertThat(o.s3Port()).as("0: the state directory's last port, else any free one").isZero();
    assertThat(o.dynamoDbPort()).isZero();
    assertThat(o.parameterOverrides()).isEmpty();
  }

  @Test
  void parse_shouldTakeParameterOverridesUntilTheNextFlag_likeSam() throws Exception {
    var o = StackOptions.parse("--parameter-overrides", "Stage=test", "LogRetentionDays=7", "--port", "0");
    assertThat(o.parameterOverrides()).containsExactlyInAnyOrderEntriesOf(Map.of("Stage", "test", "LogRetentionDays", "7"));
    assertThat(o.port()).isZero();
  }

  @Test
  void parse_shouldSplitOneQuotedStringOfOverrides_keepingQuotedSpaces() throws Exception {
    var o = StackOptions.parse("--parameter-overrides", "Stage=prod LogRetentionDays=14 Note='two words'", "--fresh");
    assertThat(o.parameterOverrides())
        .containsExactlyInAnyOrderEntriesOf(Map.of("Stage", "prod", "LogRetentionDays", "14", "Note", "two words"));
    assertThat(o.fresh()).isTrue();
  }

  @Test
  void parse_shouldRefuseOverridesThatAreNotKeyValuePairs() {
    assertThatThrownBy(() -> StackOptions.parse("--parameter-overrides")).hasMessage("--parameter-overrides needs a value");
    assertThatThrownBy(() -> StackOptions.parse("--parameter-overrides", "Stage"))
        .hasMessage("--parameter-overrides takes Key=Value pairs, not Stage");
  }

  @Test
  void parse_shouldReadEveryFlag() throws Exception {
    var o = StackOptions.parse("--port", "3001", "--mqtt-port", "8884", "--state-dir", "state/x", "--fresh",
        "--template", "t.yaml", "--s3-port", "4001", "--dynamodb-port", "4002", "--sqs-port", "4003",
        "--parameter-overrides", "Stage=test");
    assertThat(o).isEqualTo(new StackOptions(3001, 8884, 4001, 4002, 4003, Path.of("state/x"), true, Path.of("t.yaml"),
        Map.of("Stage", "test")));
  }

  @Test
  void parse_shouldRefuseUnknownFlagsAndBadValues() {
    assertThatThrownBy(() -> StackOptions.parse("--prot", "1")).hasMessage("unknown option --prot");
    assertThatThrownBy(() -> StackOptions.parse("--port")).hasMessage("--port needs a value");
    assertThatThrownBy(() -> StackOptions.parse("--port", "--fresh")).hasMessage("--port needs a value");
    assertThatThrownBy(() -> StackOptions.parse("--port", "70000")).hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> StackOptions.parse("--s3-port", "x")).hasMessageContaining("--s3-port must be a port number");
    assertThatThrownBy(() -> StackOptions.parse("--dynamodb-port")).hasMessage("--dynamodb-port needs a value");
  }
}
