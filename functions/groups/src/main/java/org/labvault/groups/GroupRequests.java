package org.labvault.groups;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import org.labvault.shared.auth.Role;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.validation.Text;

/** The bodies the Groups routes accept, checked field by field. */
final class GroupRequests {

  static final int MAX_NAME = 100;
  static final int MAX_DESCRIPTION = 1000;
  static final int MAX_USER_ID = 256;

  private GroupRequests() {}

  /** {@code POST /groups}. */
  record CreateGroup(String name, String description) {
    String checkedName() {
      return Text.line("name", name, 1, MAX_NAME);
    }

    String checkedDescription() {
      return description == null ? null : Text.multiline("description", description, 0, MAX_DESCRIPTION);
    }
  }

  /**
   * {@code PATCH /groups/{groupId}}: {@code name} and/or {@code description}; an explicit null
   * description removes it. Read as a tree to tell a null from an absent field.
   */
  record UpdateGroup(String name, String description, boolean descriptionGiven) {
    static UpdateGroup from(JsonNode body) {
      if (!body.isObject() || body.isEmpty()) {
        throw ValidationException.of("give a name, a description, or both");
      }
      for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!Set.of("name", "description").contains(field)) {
          throw ValidationException.field(field, "unknown field");
        }
      }
      String name = null;
      if (body.has("name")) {
        if (!body.get("name").isTextual()) {
          throw ValidationException.field("name", "must be a string");
        }
        name = Text.line("name", body.get("name").asText(), 1, MAX_NAME);
      }
      String description = null;
      JsonNode d = body.get("description");
      if (d != null && !d.isNull()) {
        if (!d.isTextual()) {
          throw ValidationException.field("description", "must be a string or null");
        }
        description = Text.multiline("description", d.asText(), 0, MAX_DESCRIPTION);
        if (description.isEmpty()) {
          description = null;
        }
      }
      return new UpdateGroup(name, description, body.has("description"));
    }
  }

  /** {@code POST /groups/{groupId}/invitations}. */
  record Invite(String userId, String role) {
    String checkedUserId() {
      return GroupRequests.memberId("userId", userId);
    }

    Role checkedRole() {
      return GroupRequests.role(role);
    }
  }

  /**
   * A user id that may be a member: never an instrument's ({@code instrument:<id>}), which a group
   * grants instead, and whose grant the member routes must not reach.
   */
  static String memberId(String field, String raw) {
    String userId = Text.identifier(field, raw, MAX_USER_ID);
    if (userId.startsWith(org.labvault.shared.auth.Principal.INSTRUMENT_PREFIX)) {
      throw ValidationException.field(field,
          "names an instrument: instruments are granted to a group, not members of it");
    }
    return userId;
  }

  /** {@code PATCH /groups/{groupId}/members/{userId}}. */
  record ChangeRole(String role) {
    Role checkedRole() {
      return GroupRequests.role(role);
    }
  }

  static Role role(String role) {
    if (role == null) {
      throw ValidationException.field("role", "is required");
    }
    return Role.parse(role).orElseThrow(() ->
        ValidationException.field("role", "must be one of READ_ONLY, EDIT, EDIT_DELETE, ADMIN"));
  }
}
