package org.labvault.shared.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.labvault.shared.error.ValidationException;

class MediaTypesTest {

  @Test
  void check_shouldAcceptMediaTypesOfRfc9110() {
    for (String ok : new String[] {
        "text/csv", "application/octet-stream", "application/vnd.ms-excel", "image/svg+xml",
        "text/plain; charset=utf-8", "text/plain;charset=UTF-8", "text/plain ; charset=utf-8",
        "text/csv; charset=utf-8; header=present", "text/plain; charset=\"utf-8\"",
        "multipart/mixed; boundary=\"a b:c\"", "text/plain; x=\"a\\\"b\"", "text/plain;", "application/x-!#$%&'*+.^_`|~"}) {
      assertThat(MediaTypes.check("contentType", ok)).as(ok).isEqualTo(ok);
    }
  }

  @Test
  void check_shouldRefuseAnythingElse_namingTheField() {
    for (String bad : new String[] {
        "text/plain; charset=\"\u00e9\"", "t\u00e9xt/plain", "text/plain; charset=\u00e9", "text", "text/", "/plain",
        "text /plain", "text/ plain", "text/plain; charset", "text/plain; charset=", "text/plain; =utf-8",
        "text/plain; charset=\"utf-8", "text/plain; charset=\"a\"b\"", "text/plain; charset=a b",
        "text/plain\t", "text/plain;\tcharset=utf-8", "text/plain\r\nx-amz-acl: public-read", "text/plain; a=\"\u0001\"",
        "text/plain, text/html", "text/plain; charset=utf-8 ", " text/plain", "", "a/" + "b".repeat(300)}) {
      assertThatThrownBy(() -> MediaTypes.check("contentType", bad))
          .as(bad)
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("contentType:");
    }
    assertThatThrownBy(() -> MediaTypes.check("contentType", null)).hasMessage("contentType: is required");
  }
}
