package org.labvault.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.labvault.shared.http.Problems;

class ErrorCodeTest {

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void code_shouldBeUpperSnake(ErrorCode code) {
    assertThat(code.name()).matches("[A-Z]+(_[A-Z]+)*");
  }

  /** The codes are public API: a renamed or dropped constant breaks clients, so the list is pinned. */
  @Test
  void codes_shouldBeExactlyTheWireStringsClientsKnow() {
    // given
    var known = new String[] {
        "VALIDATION", "MALFORMED_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND",
        "REQUEST_TIMEOUT", "LAST_ADMIN", "GROUP_NOT_EMPTY", "ALREADY_MEMBER", "ALREADY_INVITED",
        "INVITATION_CLOSED", "INVITATION_EXPIRED", "ALREADY_EXISTS", "CONCURRENT_CHANGE", "NOT_AVAILABLE",
        "UPLOAD_CLOSED", "NOT_MULTIPART", "CLASSIFICATION", "DUPLICATE_REQUEST", "INSTRUMENT_REVOKED",
        "NOT_DELETED", "BACKUP_EXPIRED", "BACKUP_MISSING", "GROUP_DELETED", "PAYLOAD_TOO_LARGE",
        "UNSUPPORTED_MEDIA_TYPE", "HEADERS_TOO_LARGE", "TOO_MANY_REQUESTS", "INTERNAL", "DEPENDENCY_UNAVAILABLE",
        "TOO_MANY_CONNECTIONS"};
    // when
    var wire = Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList();
    // then
    assertThat(wire).doesNotHaveDuplicates().containsExactlyInAnyOrder(known);
  }

  @Test
  void problemTypes_shouldBeDistinctPerCode() {
    var types = Arrays.stream(ErrorCode.values()).map(c -> Problems.of(409, c, "d").get("type")).toList();
    assertThat(types).doesNotHaveDuplicates().allSatisfy(t -> assertThat(t.toString()).startsWith("urn:labvault:problem:"));
  }

  @Test
  void exceptions_shouldCarryTheirCodesOnTheWire() {
    Map<AppException, String> expected = Map.of(
        ValidationException.of("x"), "VALIDATION",
        ValidationException.malformedJson(), "VALIDATION",
        new UnauthorizedException("x"), "UNAUTHORIZED",
        new ForbiddenException("x"), "FORBIDDEN",
        new NotFoundException("x"), "NOT_FOUND",
        new ConflictException(ErrorCode.LAST_ADMIN, "x"), "LAST_ADMIN",
        new PayloadTooLargeException("x"), "PAYLOAD_TOO_LARGE",
        new UnsupportedMediaTypeException("x"), "UNSUPPORTED_MEDIA_TYPE",
        new UnavailableException("x", Map.of()), "DEPENDENCY_UNAVAILABLE");
    expected.forEach((e, code) -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(Problems.of(e)).containsEntry("code", code);
    });
    assertThat(ValidationException.malformedJson().detail()).as("the contract's VALIDATION names the field")
        .isEqualTo("body: is not valid JSON");
  }
}
