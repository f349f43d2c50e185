package org.labvault.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceRefTest {
  @Test
  void parse_shouldReadGroupAndAssetReferences() {
    assertThat(ResourceRef.parse("group:abc")).contains(new ResourceRef(ResourceRef.Type.GROUP, "abc"));
    assertThat(ResourceRef.parse("asset:a:b")).contains(new ResourceRef(ResourceRef.Type.ASSET, "a:b"));
    assertThat(ResourceRef.parse("group:")).isEmpty();
    assertThat(ResourceRef.parse(":x")).isEmpty();
    assertThat(ResourceRef.parse("file:x")).isEmpty();
    assertThat(ResourceRef.parse(null)).isEmpty();
    assertThat(ResourceRef.group("g").toString()).isEqualTo("group:g");
  }
}
