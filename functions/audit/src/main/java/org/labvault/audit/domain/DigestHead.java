package org.labvault.audit.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** One chain's head as a digest names it: seq 0 and the GENESIS hash for a chain with no record yet. */
public record DigestHead(int chain, long seq, String hash) {

  Map<String, Object> canonical() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chain", chain);
    m.put("seq", seq);
    m.put("hash", hash);
    return m;
  }
}
