package org.labvault.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.labvault.local.template.Model;

/** The route throttle's token bucket, on a clock the test moves. */
class TokenBucketTest {

  private long now = 123_456_789L;

  private TokenBucket bucket(int burst, double rate) {
    return new TokenBucket(new Model.Throttle(burst, rate), () -> now);
  }

  private void advance(long millis) {
    now += TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void aFullBucketAdmitsItsBurst_thenRefusesWithTheWaitForTheNextToken() {
    TokenBucket bucket = bucket(3, 0.5);
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.take()).as("request %d", i + 1).isEqualTo(TokenBucket.ADMITTED);
    }
    assertThat(bucket.take()).as("one token every 2 s").isEqualTo(2);
    advance(500);
    assertThat(bucket.take()).as("a quarter token back: 1.5 s left, rounded up").isEqualTo(2);
    advance(1_000);
    assertThat(bucket.take()).as("0.5 s left, at least 1").isEqualTo(1);
    advance(500);
    assertThat(bucket.take()).isEqualTo(TokenBucket.ADMITTED);
    assertThat(bucket.take()).isEqualTo(2);
  }

  @Test
  void refusedRequestsTakeNothing_soTheBucketRefillsAtItsRate() {
    TokenBucket bucket = bucket(2, 10);
    bucket.take();
    bucket.take();
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.take()).isEqualTo(1);
    }
    advance(100);
    assertThat(bucket.take()).as("10 a second: one token after 100 ms").isEqualTo(TokenBucket.ADMITTED);
    assertThat(bucket.take()).isEqualTo(1);
  }

  @Test
  void theBucketRefillsUpToItsBurstAndNoMore() {
    TokenBucket bucket = bucket(4, 100);
    for (int i = 0; i < 4; i++) {
      bucket.take();
    }
    advance(60_000); // a minute idle earns 6,000 tokens; the bucket keeps 4
    for (int i = 0; i < 4; i++) {
      assertThat(bucket.take()).isEqualTo(TokenBucket.ADMITTED);
    }
    assertThat(bucket.take()).isEqualTo(1);
  }

  @Test
  void aSlowRateWaitsWholeSeconds() {
    TokenBucket bucket = bucket(1, 0.01);
    assertThat(bucket.take()).isEqualTo(TokenBucket.ADMITTED);
    assertThat(bucket.take()).as("one token every 100 s").isEqualTo(100);
    advance(30_250);
    assertThat(bucket.take()).isEqualTo(70);
  }

  @Test
  void aZeroLimitBlocksTheRoute_withNoTimeToWaitFor() {
    assertThat(bucket(0, 100).take()).isEqualTo(TokenBucket.NEVER);
    TokenBucket noRefill = bucket(1, 0);
    assertThat(noRefill.take()).isEqualTo(TokenBucket.ADMITTED);
    advance(3_600_000);
    assertThat(noRefill.take()).isEqualTo(TokenBucket.NEVER);
  }
}
