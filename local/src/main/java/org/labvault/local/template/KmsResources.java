package org.labvault.local.template;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the template's KMS keys and aliases into {@link Model.KmsKey} and {@link Model.KmsAlias}.
 * Only asymmetric signing keys are served locally (Sign, Verify, GetPublicKey); any other key
 * would be an API the stack cannot answer, so it is an error at start that names the key.
 */
final class KmsResources {

  /** The key specs the local KMS signs with. */
  static final Set<String> SIGNING_KEY_SPECS = Set.of("ECC_NIST_P256", "ECC_NIST_P384", "RSA_2048", "RSA_3072", "RSA_4096");

  private static final Set<String> KEY_PROPERTIES =
      Set.of("KeySpec", "KeyUsage", "KeyPolicy", "Description", "Enabled", "PendingWindowInDays", "Tags",
          "EnableKeyRotation");
  private static final Set<String> ALIAS_PROPERTIES = Set.of("AliasName", "TargetKeyId");

  private KmsResources() {}

  static void key(StackModel model, String id, Map<String, Object> props) {
    model.checkProperties(id, props, KEY_PROPERTIES);
    Map<String, Object> resolved = Template.map(model.intrinsics().resolve(props, id + ".Properties"));
    String spec = keySpec(model, id);
    String usage = String.valueOf(resolved.getOrDefault("KeyUsage", "ENCRYPT_DECRYPT"));
    if (!SIGNING_KEY_SPECS.contains(spec) || !usage.equals("SIGN_VERIFY")) {
      throw new TemplateException(id + ": only asymmetric signing keys (KeyUsage SIGN_VERIFY, KeySpec "
          + String.join(", ", SIGNING_KEY_SPECS.stream().sorted().toList()) + ") are served locally, not KeySpec "
          + spec + " with KeyUsage " + usage);
    }
    if (Boolean.parseBoolean(String.valueOf(resolved.get("EnableKeyRotation")))) {
      throw new TemplateException(id + ".EnableKeyRotation: KMS rotates only symmetric keys, not KeySpec " + spec);
    }
    if (!(resolved.get("KeyPolicy") instanceof Map<?, ?>) && !(resolved.get("KeyPolicy") instanceof String)) {
      throw new TemplateException(id + ".KeyPolicy is required (an object, or a JSON string)");
    }
    Object window = resolved.get("PendingWindowInDays");
    if (window != null && !String.valueOf(window).matches("[7-9]|[12][0-9]|30")) {
      throw new TemplateException(id + ".PendingWindowInDays must be between 7 and 30, not " + window);
    }
    model.note(id + ": the key policy has no local effect (the local KMS checks signatures, not permissions)");
    boolean enabled = !"false".equals(String.valueOf(resolved.getOrDefault("Enabled", true)));
    String keyId = keyId(model, id);
    model.kmsKeys().put(id, new Model.KmsKey(id, keyId, keyArn(model, keyId), spec, enabled));
  }

  /**
   * An alias: its name must start with {@code alias/} (and not {@code alias/aws/}, which AWS keeps
   * for its own keys); its target a key of the template, by id or ARN.
   */
  static void alias(StackModel model, String id, Map<String, Object> props) {
    model.checkProperties(id, props, ALIAS_PROPERTIES);
    String name = aliasName(model, id);
    if (!name.matches("alias/[a-zA-Z0-9/_-]{1,250}") || name.startsWith("alias/aws/")) {
      throw new TemplateException(id + ".AliasName " + name
          + " must be alias/ followed by letters, digits, /, _ or - (and not alias/aws/...)");
    }
    Object target = props.get("TargetKeyId");
    if (target == null) {
      throw new TemplateException(id + ".TargetKeyId is required");
    }
    String resolved = model.intrinsics().resolveString(target, id + ".TargetKeyId");
    Model.KmsKey key = model.kmsKeys().values().stream()
        .filter(k -> k.keyId().equals(resolved) || k.arn().equals(resolved))
        .findFirst()
        .orElseThrow(() -> new TemplateException(id + ".TargetKeyId must name a key of this template (!Ref or !GetAtt <Key>.Arn)"));
    model.kmsAliases().put(id, new Model.KmsAlias(id, name, model.arn("kms", name), key.keyId()));
  }

  /** What {@code Ref} answers for a key: its id, a UUID derived from the stack, the logical id and the key spec. */
  static String keyId(StackModel model, String id) {
    String seed = "kms-key:" + model.stackName() + ":" + id + ":" + keySpec(model, id);
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  static String keyArn(StackModel model, String keyId) {
    return model.arn("kms", "key/" + keyId);
  }

  static String aliasName(StackModel model, String id) {
    Object name = model.properties(id).get("AliasName");
    if (name == null) {
      throw new TemplateException(id + ".AliasName is required");
    }
    return model.intrinsics().resolveString(name, id + ".AliasName");
  }

  private static String keySpec(StackModel model, String id) {
    Object spec = model.properties(id).getOrDefault("KeySpec", "SYMMETRIC_DEFAULT");
    return model.intrinsics().resolveString(spec, id + ".KeySpec");
  }
}
