using ApprovalFlow.Server.Api;
using System.Globalization;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Text;
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
    /// <summary>The most users <c>GET /api/users?search=</c> answers with.</summary>
    public const int MaxUsersFound = 20;

    private static readonly StringComparer DisplayNameOrder = StringComparer.Create(CultureInfo.GetCultureInfo("fa-IR"), ignoreCase: false);

    /// <summary>Maps <c>GET /api/groups</c>, <c>GET /api/groups/{id}/members</c> and <c>GET /api/users</c> under policy <see cref="Policies.SignedIn"/>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/groups").WithTags("Directory").RequireAuthorization(Policies.SignedIn).WithProblemResponses();
        api.MapGet("", ListGroupsAsync)
            .WithName("ListGroups")
            .WithSummary("Lists the directory groups (units, working groups, committees, councils) with their member counts, ordered by id; search=… keeps those whose id or name contains it.");
        api.MapGet("/{id}/members", ListMembersAsync)
            .WithName("ListGroupMembers")
            .WithSummary("Lists the members of a group, ordered by display name; 404 when no group has the id.");
        endpoints.MapGet("/api/users", SearchUsersAsync).WithTags("Directory").RequireAuthorization(Policies.SignedIn).WithProblemResponses()
            .WithName("SearchUsers")
            .WithSummary("Finds users by display name, e-mail or id (search=…, at most 20), for pickers such as the designer's assignee.");
        return endpoints;
    }

    /// <summary>Every group with its member count, ordered by id (ordinal).</summary>
    /// <param name="search">When given, only groups whose id or name contains it (Persian letter variants, digits and spaces folded, <see cref="PersianText"/>).</param>
    /// <param name="db">The database.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<Ok<List<GroupResponse>>> ListGroupsAsync(string? search, ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var groups = await db.Groups
            .OrderBy(g => EF.Functions.Collate(g.Id, "C"))
            .Select(g => new GroupResponse(g.Id, g.Name, g.Kind, g.Members.Count))
            .ToListAsync(cancellationToken);
        var words = PersianText.Normalize(search);
        return TypedResults.Ok(words.Length == 0
            ? groups
            : groups.Where(g => g.Id.Contains(words, StringComparison.OrdinalIgnoreCase) || PersianText.Normalize(g.Name).Contains(words, StringComparison.Ordinal)).ToList());
    }

    /// <summary>
    /// At most <see cref="MaxUsersFound"/> users whose display name, e-mail or id contains <paramref name="search"/>
    /// (normalised, <see cref="PersianText"/>), ordered by display name (Persian collation); none for an empty search.
    /// </summary>
    /// <param name="search">What the person typed.</param>
    /// <param name="db">The database.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<Ok<List<GroupMemberResponse>>> SearchUsersAsync(string? search, ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var words = PersianText.Normalize(search);
        if (words.Length == 0)
        {
            return TypedResults.Ok(new List<GroupMemberResponse>());
        }

        var users = await db.Users.AsNoTracking().Select(u => new GroupMemberResponse(u.Id, u.Email ?? string.Empty, u.DisplayName)).ToListAsync(cancellationToken);
        return TypedResults.Ok(users
            .Where(u => PersianText.Normalize(u.DisplayName).Contains(words, StringComparison.Ordinal)
                || u.Email.Contains(words, StringComparison.OrdinalIgnoreCase)
                || u.UserId.Contains(words, StringComparison.OrdinalIgnoreCase))
            .OrderBy(u => u.DisplayName, DisplayNameOrder)
            .ThenBy(u => u.Email, StringComparer.Ordinal)
            .Take(MaxUsersFound)
            .ToList());
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
