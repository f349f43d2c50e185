package org.labvault.sampleeln.port;

/** The sample application's own copies of LabVault assets, keyed by the link's external reference. */
public interface CopyStore {
  /** Deletes the copy; deleting one that is not there (deleted before) is fine. */
  void delete(String externalRef);
}
