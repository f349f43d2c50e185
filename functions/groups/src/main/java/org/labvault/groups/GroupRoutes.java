package org.labvault.groups;

import com.fasterxml.jackson.databind.JsonNode;
import org.labvault.groups.GroupRequests.ChangeRole;
import org.labvault.groups.GroupRequests.CreateGroup;
import org.labvault.groups.GroupRequests.Invite;
import org.labvault.groups.GroupRequests.UpdateGroup;
import org.labvault.groups.GroupViews.GroupView;
import org.labvault.groups.GroupViews.InvitationView;
import org.labvault.groups.GroupViews.MemberView;
import org.labvault.groups.GroupViews.MembershipView;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;

/**
 * The routes of groups, members and invitations: each route key reads its request (GroupRequests),
 * calls one service and shapes the answer (GroupViews).
 */
final class GroupRoutes {

  private GroupRoutes() {}

  static Router router(GroupsComponent c) {
    GroupService groups = c.groups();
    MemberService members = c.members();
    InvitationService invitations = c.invitations();
    return Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .on("POST /groups", r -> {
          var body = r.body(CreateGroup.class);
          return ApiResponse.created(GroupView.of(groups.create(r.caller(), body.checkedName(), body.checkedDescription()), false));
        })
        .on("GET /groups", r -> ApiResponse.ok(groups.mine(r.caller(), r.page()).map(GroupView::of)))
        .on("GET /groups/{groupId}", r -> ApiResponse.ok(GroupView.of(groups.get(r.caller(), r.path("groupId")), true)))
        .on("PATCH /groups/{groupId}", r -> {
          var patch = UpdateGroup.from(r.body(JsonNode.class));
          return ApiResponse.ok(GroupView.of(groups.update(r.caller(), r.path("groupId"), patch.name(), patch.description(), patch.descriptionGiven()), true));
        })
        .onNoContent("DELETE /groups/{groupId}", r -> groups.delete(r.caller(), r.path("groupId")))
        .on("GET /groups/{groupId}/members", r -> ApiResponse.ok(members.list(r.caller(), r.path("groupId"), r.page()).map(MemberView::of)))
        .on("PATCH /groups/{groupId}/members/{userId}", r -> ApiResponse.ok(MembershipView.of(
            members.changeRole(r.caller(), r.path("groupId"), GroupRequests.memberId("userId", r.path("userId")),
                r.body(ChangeRole.class).checkedRole()))))
        .onNoContent("DELETE /groups/{groupId}/members/{userId}", r ->
            members.remove(r.caller(), r.path("groupId"), GroupRequests.memberId("userId", r.path("userId"))))
        .on("POST /groups/{groupId}/invitations", r -> {
          var body = r.body(Invite.class);
          return ApiResponse.created(InvitationView.of(
              invitations.invite(r.caller(), r.path("groupId"), body.checkedUserId(), body.checkedRole())));
        })
        .on("GET /groups/{groupId}/invitations", r ->
            ApiResponse.ok(invitations.pendingIn(r.caller(), r.path("groupId"), r.page()).map(InvitationView::of)))
        .onNoContent("DELETE /groups/{groupId}/invitations/{invitationId}", r ->
            invitations.revoke(r.caller(), r.path("groupId"), r.path("invitationId")))
        .on("GET /invitations", r -> ApiResponse.ok(invitations.mine(r.caller(), r.page()).map(InvitationView::of)))
        .on("POST /invitations/{invitationId}/accept", r ->
            ApiResponse.ok(MembershipView.of(invitations.accept(r.caller(), r.path("invitationId")))))
        .onNoContent("POST /invitations/{invitationId}/decline", r -> invitations.decline(r.caller(), r.path("invitationId")))
        .build();
  }
}
