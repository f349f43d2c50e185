package org.labvault.sampleeln;

import javax.inject.Inject;
import org.labvault.sampleeln.port.CopyStore;
import org.labvault.sampleeln.port.LabVaultApi;
import org.labvault.sampleeln.port.LabVaultApi.Confirmation;
import org.labvault.shared.json.Json;

/**
 * What the sample application does with a deletion notice: deletes its own copy first, then
 * confirms. Both steps may repeat (SQS and LabVault deliver at least once): deleting an absent
 * copy and confirming twice change nothing.
 */
final class NoticeConsumer {

  private final CopyStore copies;
  private final LabVaultApi api;
  private final Json json;

  @Inject
  NoticeConsumer(CopyStore copies, LabVaultApi api, Json json) {
    this.copies = copies;
    this.api = api;
    this.json = json;
  }

  /**
   * @throws DeletionNotice.Malformed for a body that can never be handled
   * @throws org.labvault.shared.client.ApiUnavailableException when the confirmation should be tried again
   */
  Confirmation consume(String body) {
    DeletionNotice notice = DeletionNotice.parse(body, json);
    copies.delete(notice.externalRef());
    return api.confirmDeletion(notice.linkId());
  }
}
