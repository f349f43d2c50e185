package org.labvault.ops.adapter;

import java.time.Duration;
import javax.inject.Inject;
import org.labvault.ops.port.DependencyProbe;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 answers and the data bucket exists. */
public final class S3Probe implements DependencyProbe {

  private final S3Client s3;
  private final String bucket;

  @Inject
  S3Probe(S3Client s3, Config config) {
    this.s3 = s3;
    this.bucket = config.require(Config.Names.DATA_BUCKET);
  }

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public void check() {
    s3.headBucket(
        r -> r.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(2))));
  }
}
