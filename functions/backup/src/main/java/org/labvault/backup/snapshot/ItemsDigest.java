package org.labvault.backup.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A digest of a set of items that does not depend on the order they come in: the SHA-256 over the
 * sorted SHA-256s of their lines. A snapshot's parts and a scan of a restored table read items in
 * different orders and still agree when they hold the same items. Not thread-safe: one per thread,
 * then {@link #addAll}.
 */
final class ItemsDigest {

  private final List<byte[]> itemHashes = new ArrayList<>();

  void add(String line) {
    itemHashes.add(Sha256.newDigest().digest(line.getBytes(UTF_8)));
  }

  void addAll(ItemsDigest other) {
    itemHashes.addAll(other.itemHashes);
  }

  long count() {
    return itemHashes.size();
  }

  String hex() {
    List<byte[]> sorted = new ArrayList<>(itemHashes);
    sorted.sort(Arrays::compareUnsigned);
    MessageDigest all = Sha256.newDigest();
    sorted.forEach(all::update);
    return Sha256.hex(all);
  }
}
