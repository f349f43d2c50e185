package org.labvault.local.sns;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.labvault.shared.json.Json;

/**
 * The topics and their subscriptions. Every change is written (whole, replacing the file
 * atomically) to a small JSON file when the state persists, and read back at the next start.
 */
final class TopicRegistry {

  record Topic(String arn, String name, Map<String, String> attributes) {
    Topic {
      attributes = Map.copyOf(attributes);
    }
  }

  record Subscription(String arn, String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
    Subscription {
      attributes = Map.copyOf(attributes);
    }

    boolean raw() {
      return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
    }

    /** Whether the subscription takes a message (its filter policy, if any, lets it through). */
    boolean accepts(String body, Map<String, MessageAttribute> messageAttributes) {
      String policy = attributes.get("FilterPolicy");
      if (policy == null || policy.isBlank()) {
        return true;
      }
      FilterPolicy filter = FilterPolicy.parse(policy);
      return FilterPolicy.Scope.of(attributes.getOrDefault("FilterPolicyScope", "MessageAttributes"))
          == FilterPolicy.Scope.MESSAGE_BODY ? filter.matchesBody(body) : filter.matchesAttributes(messageAttributes);
    }
  }

  private record Saved(List<Topic> topics, List<Subscription> subscriptions) {}

  private final Path file;
  private final Map<String, Topic> topics = new LinkedHashMap<>();
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

  private TopicRegistry(Path file) {
    this.file = file;
  }

  /** @param file where the registry persists, or null to keep it in memory */
  static TopicRegistry open(Path file) {
    TopicRegistry registry = new TopicRegistry(file);
    if (file != null && Files.exists(file)) {
      try {
        Saved saved = Json.instance().mapper().readValue(file.toFile(), new TypeReference<Saved>() {});
        saved.topics().forEach(t -> registry.topics.put(t.arn(), t));
        saved.subscriptions().forEach(s -> registry.subscriptions.put(s.arn(), s));
      } catch (IOException e) {
        throw new UncheckedIOException("the SNS topics file " + file + " cannot be read; start with --fresh", e);
      }
    }
    return registry;
  }

  /** Creates the topic, or answers the one of that name (with its attributes updated). */
  synchronized Topic createTopic(String arn, String name, Map<String, String> attributes) {
    Topic existing = topics.get(arn);
    Map<String, String> merged = new LinkedHashMap<>(existing == null ? Map.of() : existing.attributes());
    merged.putAll(attributes);
    Topic topic = new Topic(arn, name, merged);
    if (!topic.equals(existing)) {
      topics.put(arn, topic);
      save();
    }
    return topic;
  }

  synchronized Optional<Topic> topic(String arn) {
    return Optional.ofNullable(topics.get(arn));
  }

  synchronized List<Topic> topics() {
    return List.copyOf(topics.values());
  }

  /**
   * Subscribes the endpoint, or answers its subscription when it already has one to this topic with
   * the same attributes.
   *
   * @throws SnsError InvalidParameter when it has one with other attributes (SNS's rule)
   */
  synchronized Subscription subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
    for (Subscription s : subscriptions.values()) {
      if (s.topicArn().equals(topicArn) && s.protocol().equals(protocol) && s.endpoint().equals(endpoint)) {
        if (!s.attributes().equals(attributes)) {
          throw SnsError.invalidParameter("Attributes Reason: Subscription already exists with different attributes");
        }
        return s;
      }
    }
    Subscription created = new Subscription(topicArn + ":" + UUID.randomUUID(), topicArn, protocol, endpoint, attributes);
    subscriptions.put(created.arn(), created);
    save();
    return created;
  }

  /** The template's way: its subscription of the endpoint, created or brought to these attributes. */
  synchronized Subscription declare(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
    for (Subscription s : subscriptions.values()) {
      if (s.topicArn().equals(topicArn) && s.protocol().equals(protocol) && s.endpoint().equals(endpoint)) {
        Subscription updated = new Subscription(s.arn(), topicArn, protocol, endpoint, attributes);
        subscriptions.put(s.arn(), updated);
        save();
        return updated;
      }
    }
    return subscribe(topicArn, protocol, endpoint, attributes);
  }

  synchronized Optional<Subscription> subscription(String arn) {
    return Optional.ofNullable(subscriptions.get(arn));
  }

  synchronized Subscription setAttribute(String arn, String name, String value) {
    Subscription s = subscriptions.get(arn);
    if (s == null) {
      throw SnsError.notFound("Subscription does not exist");
    }
    Map<String, String> attributes = new LinkedHashMap<>(s.attributes());
    attributes.put(name, value);
    Subscription updated = new Subscription(s.arn(), s.topicArn(), s.protocol(), s.endpoint(), attributes);
    subscriptions.put(arn, updated);
    save();
    return updated;
  }

  /** @return whether there was such a subscription */
  synchronized boolean unsubscribe(String arn) {
    boolean removed = subscriptions.remove(arn) != null;
    if (removed) {
      save();
    }
    return removed;
  }

  synchronized List<Subscription> subscriptionsOf(String topicArn) {
    return subscriptions.values().stream().filter(s -> s.topicArn().equals(topicArn)).toList();
  }

  private void save() {
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, Json.instance().write(new Saved(new ArrayList<>(topics.values()),
          new ArrayList<>(subscriptions.values()))), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("the SNS topics file " + file + " cannot be written", e);
    }
  }
}
