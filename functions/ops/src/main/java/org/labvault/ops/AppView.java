package org.labvault.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A registered app as operators see it, with how it subscribes to its notices. */
record AppView(String appId, String name, Instant createdAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String topicArn, Map<String, List<String>> filterPolicy) {

  static AppView of(AppRegistryService.Registered r) {
    return new AppView(r.app().appId(), r.app().name(), r.app().createdAt(), r.topicArn(), r.filterPolicy());
  }
}
