package org.labvault.local.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.local.template.Model;

class BucketAccessChecksTest {

  private static final Map<String, String> SIGNED_URL = Map.of("X-Amz-Algorithm", "AWS4-HMAC-SHA256",
      "X-Amz-SignedHeaders", "content-length;host;x-amz-server-side-encryption");
  private static final Map<String, List<String>> SIGNED_HEADER = Map.of("authorization", List.of("AWS4-HMAC-SHA256 ..."));

  private final BucketAccessChecks checks = new BucketAccessChecks(Map.of(
      "locked", Model.BucketAccess.AWS_DEFAULT,
      "acls", new Model.BucketAccess(true, false, false, false, false),
      "open", new Model.BucketAccess(false, false, false, false, false)));

  @Test
  void check_shouldRefuseHeadersAPresignedUrlDoesNotSign_inEveryBucket() {
    var refusal = checks.check("PUT", "/open/k", SIGNED_URL,
        Map.of("x-amz-server-side-encryption", List.of("AES256"), "x-amz-acl", List.of("public-read"), "cache-control", List.of("public")));
    assertThat(refusal).isEqualTo(new BucketAccessChecks.Refusal(403, "AccessDenied",
        "There were headers present in the request which were not signed", "x-amz-acl"));
    assertThat(checks.check("PUT", "/open/k", SIGNED_URL, Map.of("x-amz-server-side-encryption", List.of("AES256")))).isNull();
  }

  @Test
  void check_shouldRefuseUnsignedRequests_whenTheBucketIgnoresPublicAclsOrDisablesAcls() {
    assertThat(checks.check("GET", "/locked/k", Map.of(), Map.of())).isEqualTo(BucketAccessChecks.ACCESS_DENIED);
    assertThat(checks.check("HEAD", "/locked", Map.of(), Map.of())).isEqualTo(BucketAccessChecks.ACCESS_DENIED);
    assertThat(checks.check("GET", "/locked/k", Map.of(), SIGNED_HEADER)).isNull();
    assertThat(checks.check("GET", "/locked/k", SIGNED_URL, Map.of())).isNull();
    assertThat(checks.check("GET", "/acls/k", Map.of(), Map.of())).isNull(); // public ACLs still count there
  }

  @Test
  void check_shouldRefuseEveryAclButBucketOwnerFullControl_whenTheBucketDisablesAcls() {
    for (var headers : List.<Map<String, List<String>>>of(
        Map.of("x-amz-acl", List.of("public-read")),
        Map.of("x-amz-acl", List.of("private")),
        Map.of("x-amz-grant-read", List.of("id=\"someone\"")))) {
      assertThat(checks.check("PUT", "/locked/k", Map.of(), with(headers))).as(headers.toString())
          .isEqualTo(BucketAccessChecks.ACLS_NOT_SUPPORTED);
      assertThat(checks.check("POST", "/locked/k", Map.of("uploads", ""), with(headers))).isEqualTo(BucketAccessChecks.ACLS_NOT_SUPPORTED);
    }
    assertThat(checks.check("PUT", "/locked/k", Map.of("acl", ""), SIGNED_HEADER)).isEqualTo(BucketAccessChecks.ACLS_NOT_SUPPORTED);
    assertThat(checks.check("PUT", "/locked", Map.of("acl", ""), SIGNED_HEADER)).isEqualTo(BucketAccessChecks.ACLS_NOT_SUPPORTED);
    assertThat(checks.check("PUT", "/locked/k", Map.of(), with(Map.of("x-amz-acl", List.of("bucket-owner-full-control"))))).isNull();
    assertThat(checks.check("GET", "/locked/k", Map.of("acl", ""), SIGNED_HEADER)).isNull(); // reading ACLs stays allowed
  }

  @Test
  void check_shouldRefusePublicAclsOnly_whenAclsAreEnabledButBlockPublicAclsIsOn() {
    assertThat(checks.check("PUT", "/acls/k", Map.of(), with(Map.of("x-amz-acl", List.of("public-read")))))
        .isEqualTo(BucketAccessChecks.ACCESS_DENIED);
    assertThat(checks.check("PUT", "/acls/k", Map.of(), with(Map.of("x-amz-grant-read",
        List.of("uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""))))).isEqualTo(BucketAccessChecks.ACCESS_DENIED);
    assertThat(checks.check("PUT", "/acls/k", Map.of(), with(Map.of("x-amz-acl", List.of("private"))))).isNull();
    assertThat(checks.check("PUT", "/open/k", Map.of(), with(Map.of("x-amz-acl", List.of("public-read"))))).isNull();
    assertThat(checks.check("PUT", "/elsewhere/k", Map.of(), with(Map.of("x-amz-acl", List.of("public-read"))))).isNull();
  }

  @Test
  void query_shouldDecodeNamesAndValuesAndKeepTheFirst() {
    assertThat(BucketAccessChecks.query("acl&X-Amz-SignedHeaders=host%3Bx-amz-acl&acl=x"))
        .containsExactly(Map.entry("acl", ""), Map.entry("X-Amz-SignedHeaders", "host;x-amz-acl"));
  }

  private static Map<String, List<String>> with(Map<String, List<String>> headers) {
    var all = new java.util.HashMap<>(SIGNED_HEADER);
    all.putAll(headers);
    return all;
  }
}
