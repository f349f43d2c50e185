package org.labvault.shared.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Configuration of one function, built once from its environment (in Lambda: {@code System.getenv()};
 * in the local stack: the variables its template entry declares). The only place code reads settings.
 *
 * <p>It remembers every name asked for, so a test can prove that a function reads no variable its
 * template entry leaves out.
 */
public final class Config {

  /** Names of the variables LabVault code reads; the template declares them per function. */
  public static final class Names {
    /** The single DynamoDB table that holds all metadata. */
    public static final String TABLE_NAME = "TABLE_NAME";
    /** The bucket holding asset bytes. */
    public static final String DATA_BUCKET = "DATA_BUCKET";
    /** The HMAC key of list page tokens (a Secrets Manager secret, resolved at deployment). */
    public static final String PAGE_TOKEN_KEY = "PAGE_TOKEN_KEY";
    /** How many hash chains audit records are spread over (1..256; the template's AuditChains). */
    public static final String AUDIT_CHAINS = "AUDIT_CHAINS";
    /** The KMS key (id, ARN or alias) that signs the audit digests; its public key verifies them. */
    public static final String AUDIT_DIGEST_KEY_ID = "AUDIT_DIGEST_KEY_ID";
    /** The bucket holding the backup copies of asset objects and the daily metadata snapshots. */
    public static final String BACKUP_BUCKET = "BACKUP_BUCKET";
    /** Days a deleted asset's backup copy and an old snapshot are kept (at least 7). */
    public static final String BACKUP_RETENTION_DAYS = "BACKUP_RETENTION_DAYS";
    /** How many parallel segments the daily snapshot scans the table in (1..64). */
    public static final String BACKUP_SCAN_SEGMENTS = "BACKUP_SCAN_SEGMENTS";
    /** The name prefix of the scratch tables the restore drill creates and drops. */
    public static final String DRILL_TABLE_PREFIX = "DRILL_TABLE_PREFIX";
    /** The SNS topic every stored security alarm is published on (operators subscribe to it). */
    public static final String ALARMS_TOPIC_ARN = "ALARMS_TOPIC_ARN";
    /** Refusals of one actor within 5 minutes that raise DENIAL_BURST (the template's DenialBurstThreshold). */
    public static final String DENIAL_BURST_THRESHOLD = "DENIAL_BURST_THRESHOLD";
    /** Deletions by one actor within 10 minutes that raise MASS_DELETE (the template's MassDeleteThreshold). */
    public static final String MASS_DELETE_THRESHOLD = "MASS_DELETE_THRESHOLD";
    /** The SNS topic that carries deletion notices to registered applications. */
    public static final String ASSET_EVENTS_TOPIC_ARN = "ASSET_EVENTS_TOPIC_ARN";
    /** Seconds before an unconfirmed deletion notice is first sent again (then doubling). */
    public static final String RENOTIFY_AFTER_SECONDS = "RENOTIFY_AFTER_SECONDS";
    /** How many times a deletion notice is sent at most before it is OVERDUE. */
    public static final String RENOTIFY_MAX_ATTEMPTS = "RENOTIFY_MAX_ATTEMPTS";
    /** The IoT policy attached to every instrument's certificate. */
    public static final String INSTRUMENT_POLICY_NAME = "INSTRUMENT_POLICY_NAME";
    /**
     * Where instruments connect ({@code mqtts://host:port}); without it, the account's IoT data
     * endpoint that DescribeEndpoint names, on port 8883.
     */
    public static final String MQTT_ENDPOINT = "MQTT_ENDPOINT";

    // Set by the Lambda runtime in every execution environment.
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

    /** Standard SDK endpoint override, per service (AWS_ENDPOINT_URL_DYNAMODB ...) or global. */
    public static final String ENDPOINT_PREFIX = "AWS_ENDPOINT_URL";

    private Names() {}
  }

  private final Map<String, String> env;
  private final Set<String> read = ConcurrentHashMap.newKeySet();

  private Config(Map<String, String> env) {
    this.env = java.util.Collections.unmodifiableMap(env); // a view: the environment never changes
  }

  public static Config from(Map<String, String> env) {
    return new Config(env);
  }

  /** The value of a variable the function cannot run without. */
  public String require(String name) {
    return optional(name)
        .orElseThrow(() -> new ConfigException("environment variable " + name + " is not set"));
  }

  /** A whole number of at least 1 the function cannot run without (counts, delays in seconds). */
  public long requirePositive(String name) {
    String value = require(name);
    try {
      long n = Long.parseLong(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("environment variable " + name + " must be a positive integer, not " + value);
  }

  public Optional<String> optional(String name) {
    read.add(name);
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String region() {
    return require(Names.AWS_REGION);
  }

  /**
   * Endpoint override for one SDK service id (e.g. {@code dynamodb}, {@code s3}), following the
   * SDK's own convention: {@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}. Absent
   * in AWS; set by the local stack so the same adapters talk to the local engines.
   */
  public Optional<URI> endpointOverride(String serviceId) {
    String specific = Names.ENDPOINT_PREFIX + "_" + serviceId.toUpperCase(java.util.Locale.ROOT);
    return optional(specific).or(() -> optional(Names.ENDPOINT_PREFIX)).map(Config::toUri);
  }

  /** Every variable name asked for so far (for the template test). */
  public Set<String> namesRead() {
    return new TreeSet<>(read);
  }

  private static URI toUri(String value) {
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("endpoint override is not a URI: " + value);
    }
  }

  /** A function is deployed with a configuration it cannot run with. */
  public static final class ConfigException extends IllegalStateException {
    public ConfigException(String message) {
      super(message);
    }
  }
}
