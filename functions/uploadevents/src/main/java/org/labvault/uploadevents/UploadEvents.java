package org.labvault.uploadevents;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One notification of the data bucket: each "object created" record is verified; another bucket's is skipped. */
final class UploadEvents {

  // the handler's logger: the log lines stay where operators look for them
  private static final Logger LOG = LoggerFactory.getLogger(UploadEventsHandler.class);

  private final UploadVerifier verifier;
  private final String bucket;

  UploadEvents(UploadVerifier verifier, String bucket) {
    this.verifier = verifier;
    this.bucket = bucket;
  }

  void handle(JsonNode event, String requestId) {
    for (ObjectCreated created : ObjectCreated.from(event)) {
      if (!bucket.equals(created.bucket())) {
        LOG.warn("skipped an event of bucket {}", created.bucket());
        continue;
      }
      var outcome = verifier.handle(created, requestId);
      LOG.info("{} {} version {}: {}", created.eventName(), created.key(), created.versionId(), outcome);
    }
  }
}
