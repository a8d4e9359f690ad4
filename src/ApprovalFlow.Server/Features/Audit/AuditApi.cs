using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Audit;

/// <summary>The audit log's endpoint, for admins.</summary>
public static class AuditApi
{
    /// <summary>Maps <c>GET /api/admin/audit</c> (<see cref="Policies.Admin"/>; others get 403).</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGroup("/api/admin/audit").WithTags("Audit").RequireAuthorization(Policies.Admin).WithProblemResponses()
            .MapGet("/", ListAsync).WithName("ListAuditEntries")
            .WithSummary("The audit log of admin actions, newest first, paged (page, pageSize up to 200); filters: actor (user id), action (task.assign, calendar.close, definition.deploy, ...), from and to (ISO instants, ISO or Solar Hijri dates; to is exclusive for an instant and includes a date).");
        return endpoints;
    }

    internal static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ListAsync(
        AuditLog log, CancellationToken cancellationToken, string? actor = null, string? action = null, string? from = null, string? to = null, int page = 1, int pageSize = 50)
    {
        var (result, invalid) = await log.QueryAsync(new AuditFilter(actor, action, from, to), page, pageSize, cancellationToken);
        return result is null
            ? TypedResults.Problem(invalid, statusCode: StatusCodes.Status400BadRequest, title: "Invalid audit filter")
            : TypedResults.Ok(result);
    }
}
