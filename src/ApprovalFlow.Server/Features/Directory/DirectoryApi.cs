using ApprovalFlow.Server.Api;
using System.Globalization;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Directory;

/// <summary>A directory group as listed by <c>GET /api/groups</c>.</summary>
/// <param name="Id">Stable id used in BPMN candidate groups, e.g. <c>planning-office</c>.</param>
/// <param name="Name">Display name (Persian).</param>
/// <param name="Kind">Kind of group, e.g. <c>unit</c>, <c>working-group</c>, <c>theme-coordinators</c>, <c>body-secretariat</c> (<c>deploy/seed/README.md</c>).</param>
/// <param name="MemberCount">Number of members.</param>
public sealed record GroupResponse(string Id, string Name, string Kind, int MemberCount);

/// <summary>A member of a group as listed by <c>GET /api/groups/{id}/members</c>.</summary>
/// <param name="UserId">Identity user id (what task assignees name).</param>
/// <param name="Email">E-mail.</param>
/// <param name="DisplayName">Name shown to people.</param>
public sealed record GroupMemberResponse(string UserId, string Email, string DisplayName);

/// <summary>The directory API: groups and their members. Any signed-in user may read it.</summary>
public static class DirectoryApi
{
    /// <summary>Orders display names as a Persian reader expects (پ, چ, ژ, گ in their alphabetical places).</summary>
    private static readonly StringComparer DisplayNameOrder = StringComparer.Create(CultureInfo.GetCultureInfo("fa-IR"), ignoreCase: false);

    /// <summary>Maps <c>GET /api/groups</c> and <c>GET /api/groups/{id}/members</c> under policy <see cref="Policies.SignedIn"/>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/groups").WithTags("Directory").RequireAuthorization(Policies.SignedIn).WithProblemResponses();
        api.MapGet("", ListGroupsAsync)
            .WithName("ListGroups")
            .WithSummary("Lists the directory groups (units, working groups, committees, councils) with their member counts, ordered by id.");
        api.MapGet("/{id}/members", ListMembersAsync)
            .WithName("ListGroupMembers")
            .WithSummary("Lists the members of a group, ordered by display name; 404 when no group has the id.");
        return endpoints;
    }

    /// <summary>Every group with its member count, ordered by id (ordinal).</summary>
    /// <param name="db">The database.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<Ok<List<GroupResponse>>> ListGroupsAsync(ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var groups = await db.Groups
            .OrderBy(g => EF.Functions.Collate(g.Id, "C"))
            .Select(g => new GroupResponse(g.Id, g.Name, g.Kind, g.Members.Count))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(groups);
    }

    /// <summary>
    /// The members of group <paramref name="id"/>, ordered by display name (Persian collation), then
    /// e-mail; a 404 problem naming the id when no group has it.
    /// </summary>
    /// <param name="id">The group id.</param>
    /// <param name="db">The database.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<Results<Ok<List<GroupMemberResponse>>, ProblemHttpResult>> ListMembersAsync(
        string id, ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Groups.AnyAsync(g => g.Id == id, cancellationToken))
        {
            return TypedResults.Problem(
                $"No directory group has the id '{id}'. GET /api/groups lists the groups.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Group not found");
        }

        var members = await db.Memberships
            .Where(m => m.GroupId == id)
            .Select(m => new GroupMemberResponse(m.UserId, m.User!.Email ?? string.Empty, m.User.DisplayName))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(members
            .OrderBy(m => m.DisplayName, DisplayNameOrder)
            .ThenBy(m => m.Email, StringComparer.Ordinal)
            .ToList());
    }
}
