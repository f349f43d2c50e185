package org.labvault.audit.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of a verification: {@code {"valid":true,"checked","chains","digests"}} or
 * {@code {"valid":false,"checked","firstBroken"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyReport(boolean valid, long checked, Integer chains, Integer digests, BrokenLink firstBroken) {

  public static VerifyReport valid(long checked, int chains, int digests) {
    return new VerifyReport(true, checked, chains, digests, null);
  }

  public static VerifyReport broken(long checked, BrokenLink first) {
    return new VerifyReport(false, checked, null, null, first);
  }
}
