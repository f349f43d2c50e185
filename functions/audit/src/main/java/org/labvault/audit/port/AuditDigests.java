package org.labvault.audit.port;

import java.util.Map;
import org.labvault.audit.domain.ChainHead;

/**
 * The signed digests over every chain's head (KMS in AWS). The verification hands them the heads it
 * has checked; they answer how many digests verified.
 */
public interface AuditDigests {
  int verify(Map<Integer, ChainHead> heads);
}
