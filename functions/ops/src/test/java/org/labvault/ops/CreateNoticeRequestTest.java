package org.labvault.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labvault.ops.domain.Severity;
import org.labvault.shared.error.ValidationException;

class CreateNoticeRequestTest {

  private static final String END = "2026-11-24T06:00:00Z";

  private static String failure(CreateNoticeRequest r) {
    try {
      r.toCommand();
    } catch (ValidationException e) {
      return e.detail();
    }
    throw new AssertionError("accepted " + r);
  }

  @Test
  void toCommand_shouldReadEveryField() {
    var cmd = new CreateNoticeRequest(" Maintenance ", "warning", null, END, null).toCommand();
    assertThat(cmd.severity()).isEqualTo(Severity.WARNING);
    assertThat(cmd.message()).isEqualTo("Maintenance");
    assertThat(cmd.startsAt()).isEmpty();
    assertThat(cmd.tenants()).isEmpty();
  }

  @Test
  void toCommand_shouldNameEachInvalidField() {
    assertThat(failure(new CreateNoticeRequest(null, "INFO", null, END, null))).startsWith("message:");
    assertThat(failure(new CreateNoticeRequest("x".repeat(2001), "INFO", null, END, null))).startsWith("message:");
    assertThat(failure(new CreateNoticeRequest("bell\u0007", "INFO", null, END, null))).startsWith("message:");
    assertThat(failure(new CreateNoticeRequest("m", null, null, END, null))).startsWith("severity:");
    assertThat(failure(new CreateNoticeRequest("m", "URGENT", null, END, null))).startsWith("severity:");
    assertThat(failure(new CreateNoticeRequest("m", "INFO", "yesterday", END, null))).startsWith("startsAt:");
    assertThat(failure(new CreateNoticeRequest("m", "INFO", null, null, null))).startsWith("endsAt:");
    assertThat(failure(new CreateNoticeRequest("m", "INFO", null, END, List.of()))).startsWith("tenants:");
    assertThat(failure(new CreateNoticeRequest("m", "INFO", null, END, Collections.nCopies(51, "t")))).startsWith("tenants:");
    assertThat(failure(new CreateNoticeRequest("m", "INFO", null, END, List.of("ok", "not ok")))).startsWith("tenants[1]:");
  }

  @Test
  void toCommand_shouldKeepLineBreaksInTheMessage() {
    var cmd = new CreateNoticeRequest("line 1\nline 2", "INFO", null, END, null).toCommand();
    assertThat(cmd.message()).isEqualTo("line 1\nline 2");
  }

  @Test
  void toCommand_shouldRefuseABlankMessage() {
    assertThatThrownBy(() -> new CreateNoticeRequest("   ", "INFO", null, END, null).toCommand())
        .hasMessage("message: is required");
  }
}
