package org.labvault.assets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.labvault.assets.AssetRequests.CreateAsset;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.RequestClaim;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.error.AppException;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.id.Ids;
import org.labvault.shared.instrument.domain.InstrumentStatus;
import org.labvault.shared.instrument.domain.Topics;
import org.labvault.shared.instrument.port.InstrumentMessages;
import org.labvault.shared.instrument.port.InstrumentRepository;
import org.labvault.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload requests from instruments, as the IoT rule hands them over: the instrument is the one the
 * broker verified (the topic's instrument id, equal to the connection's client id, which the
 * policy binds to the certificate's thing), never one the payload names. The asset is declared
 * through the same service as {@code POST /groups/{groupId}/assets}, as {@code instrument:<id>};
 * the answer goes back on the instrument's response topic. The same request id answers the same
 * asset, however often the message arrives.
 */
final class InstrumentUploads {

  private static final Logger LOG = LoggerFactory.getLogger(InstrumentUploads.class);

  /** A request id the instrument chose: short, and safe in a key and a log line. */
  static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** What the rule adds (verified by the broker) and what addresses the request, not the asset. */
  private static final java.util.Set<String> ENVELOPE = java.util.Set.of("instrumentId", "clientId", "requestId", "groupId");

  private final AssetService assets;
  private final InstrumentRepository instruments;
  private final InstrumentMessages messages;

  @Inject
  InstrumentUploads(AssetService assets, InstrumentRepository instruments, InstrumentMessages messages) {
    this.assets = assets;
    this.instruments = instruments;
    this.messages = messages;
  }

  /** The answer on the response topic: the asset and its upload, or an error. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Reply(@JsonInclude(JsonInclude.Include.ALWAYS) String requestId, String assetId, AssetStatus status,
      Object upload, Error error) {

    record Error(int status, String code, String detail) {}

    static Reply of(String requestId, AssetService.Created created) {
      var view = AssetViews.CreatedView.of(created);
      return new Reply(requestId, view.assetId(), view.status(), view.upload(), null);
    }

    static Reply failed(String requestId, AppException e) {
      return new Reply(requestId, null, null, null, new Error(e.status(), e.code(), e.detail()));
    }
  }

  /** Handles one request; a request that cannot be answered to its own instrument is dropped. */
  void handle(Map<String, Object> event) {
    String instrumentId = event.get("instrumentId") instanceof String s ? s : null;
    Object clientId = event.get("clientId");
    if (instrumentId == null || !instrumentId.equals(clientId) || !Ids.looksValid(instrumentId)) {
      // the policy makes these equal for every instrument: anything else did not come from one
      LOG.warn("upload request dropped: topic instrument {} and client {} differ", instrumentId, clientId);
      return;
    }
    boolean active = instruments.find(instrumentId).map(i -> i.status() == InstrumentStatus.ACTIVE).orElse(false);
    if (!active) {
      // revoked while the message was on its way: its connection is closed, nobody to answer
      LOG.warn("upload request dropped: instrument {} is not active", instrumentId);
      return;
    }
    Reply reply = answer(instrumentId, event);
    if (reply == null) {
      LOG.warn("upload request dropped: instrument {} was revoked while it was handled", instrumentId);
      return;
    }
    messages.publish(Topics.uploadResponses(instrumentId), Json.instance().write(reply).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The answer to the request, or null when the instrument was revoked while it was handled. */
  private Reply answer(String instrumentId, Map<String, Object> event) {
    if (!(event.get("requestId") instanceof String requestId) || !REQUEST_ID.matcher(requestId).matches()) {
      return Reply.failed(null, ValidationException.field("requestId", "must be 1 to 64 of A-Z, a-z, 0-9, '.', '_', ':', '-'"));
    }
    RequestClaim claim = new RequestClaim(instrumentId, requestId);
    Caller caller = new Caller(Principal.instrument(instrumentId), requestId);
    try {
      Optional<Asset> earlier = assets.claimedAsset(claim);
      if (earlier.isPresent()) {
        return again(caller, requestId, earlier.get());
      }
      String groupId = event.get("groupId") instanceof String g ? g : null;
      if (groupId == null || groupId.isEmpty()) {
        throw ValidationException.field("groupId", "is required");
      }
      var declared = declaration(event).checked();
      try {
        return Reply.of(requestId, assets.create(caller, groupId, declared, claim));
      } catch (ConflictException e) {
        return switch (e.errorCode()) {
          // the same request, delivered twice at once: the other delivery made the asset
          case DUPLICATE_REQUEST -> again(caller, requestId, assets.claimedAsset(claim).orElseThrow());
          case INSTRUMENT_REVOKED -> null;
          default -> throw e;
        };
      }
    } catch (AppException e) {
      return Reply.failed(requestId, e);
    }
  }

  /**
   * The answer to a request seen before: the same asset, with its upload while it still waits for
   * one, if the instrument may still write there (its grant may have gone since).
   */
  private Reply again(Caller caller, String requestId, Asset asset) {
    return assets.uploadAgain(caller, asset)
        .map(created -> Reply.of(requestId, created))
        .orElseGet(() -> new Reply(requestId, asset.assetId(), asset.status(), null, null));
  }

  /** The asset's fields, read as strictly as the HTTP route reads its body. */
  private static CreateAsset declaration(Map<String, Object> event) {
    Map<String, Object> fields = new LinkedHashMap<>(event);
    fields.keySet().removeAll(ENVELOPE);
    return Json.instance().read(Json.instance().write(fields), CreateAsset.class);
  }
}
