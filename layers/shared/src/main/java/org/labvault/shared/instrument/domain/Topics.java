package org.labvault.shared.instrument.domain;

/** An instrument's MQTT topics; the template's policy and IoT rule name the same ones. */
public final class Topics {

  private static final String ROOT = "labvault/instruments/";

  private Topics() {}

  /** Where the instrument publishes its upload requests. */
  public static String uploadRequests(String instrumentId) {
    return ROOT + instrumentId + "/upload-requests";
  }

  /** Where it hears the answers. */
  public static String uploadResponses(String instrumentId) {
    return ROOT + instrumentId + "/upload-responses";
  }
}
