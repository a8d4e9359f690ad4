using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Incidents;

/// <summary>An incident.</summary>
/// <param name="Id">Incident id.</param>
/// <param name="InstanceId">Its instance.</param>
/// <param name="NodeId">Where the token stopped.</param>
/// <param name="Kind">Kind, e.g. <c>jobFailed</c>, <c>expression</c>.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="CreatedAt">Raised (UTC).</param>
/// <param name="ResolvedAt">Resolved (UTC), or <see langword="null"/> while open.</param>
public sealed record IncidentResponse(Guid Id, Guid InstanceId, string NodeId, string Kind, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt)
{
    internal static IncidentResponse From(IncidentRecord i) =>
        new(i.Id, i.InstanceId, i.NodeId, JsonNamingPolicy.CamelCase.ConvertName(i.Kind.ToString()), i.Message, i.CreatedAt, i.ResolvedAt);

    /// <summary>
    /// A notification whose every attempt failed, listed among the open incidents as kind <c>notificationFailed</c>
    /// with node <c>mail:&lt;kind&gt;</c> (resent with <c>POST /api/notifications/{id}/resend</c>, not retried here).
    /// </summary>
    internal static IncidentResponse FromNotification(NotificationRecord n) => new(
        n.Id, n.InstanceId ?? Guid.Empty, $"mail:{n.Kind}", "notificationFailed",
        $"Mail '{n.Kind}' to {n.RecipientAddress} failed after {n.Attempts} attempts: {n.LastError} Resend it with POST /api/notifications/{n.Id}/resend.",
        n.LastAttemptAt ?? n.CreatedAt, null);
}

/// <summary>Retries an incident, optionally with corrected variables.</summary>
/// <param name="Variables">Variables merged into the process scope before the retry; optional.</param>
public sealed record RetryIncidentRequest(Dictionary<string, JsonElement>? Variables);

/// <summary>The incident API for operators (admins and process owners).</summary>
public static class IncidentsApi
{
    /// <summary>Maps <c>/api/incidents</c>.</summary>
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(Policies.ProcessOwner).WithProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/", ListAsync).WithName("ListIncidents").WithSummary("Incidents, newest first; status=open (default, with the e-mails whose every attempt failed, kind notificationFailed) or resolved.");
        api.MapPost("/{id:guid}/retry", RetryAsync).WithName("RetryIncident").WithSummary("Resolves the incident and runs the failed step again.");
        return endpoints;
    }

    internal static async Task<Results<Ok<List<IncidentResponse>>, ProblemHttpResult>> ListAsync(
        ApprovalFlowDbContext db, CancellationToken cancellationToken, string status = "open", Guid? instanceId = null)
    {
        var query = db.Incidents.AsNoTracking();
        query = status switch
        {
            "open" => query.Where(i => i.ResolvedAt == null),
            "resolved" => query.Where(i => i.ResolvedAt != null),
            _ => query,
        };
        if (status is not ("open" or "resolved"))
        {
            return TypedResults.Problem($"status must be open or resolved, not '{status}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (instanceId is { } instance)
        {
            query = query.Where(i => i.InstanceId == instance);
        }

        var items = (await query.OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(cancellationToken)).Select(IncidentResponse.From);
        if (status == "open")
        {
            var failedMails = db.Notifications.AsNoTracking().Where(n => n.Status == NotificationStatus.Failed);
            if (instanceId is { } ofInstance)
            {
                failedMails = failedMails.Where(n => n.InstanceId == ofInstance);
            }

            var mails = await failedMails.OrderByDescending(n => n.LastAttemptAt).Take(500).ToListAsync(cancellationToken);
            items = items.Concat(mails.Select(IncidentResponse.FromNotification)).OrderByDescending(i => i.CreatedAt).Take(500);
        }

        return TypedResults.Ok(items.ToList());
    }

    internal static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> RetryAsync(
        Guid id, RetryIncidentRequest? request, ApprovalFlowDbContext db, InstanceRunner runner, ICurrentUser user, Audit.AuditTrail audit, CancellationToken cancellationToken)
    {
        if (RequestRules.Variables(request?.Variables) is { } invalid)
        {
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status400BadRequest);
        }

        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return TypedResults.Problem($"Incident '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Incident not found");
        }

        CommandOutcome outcome;
        try
        {
            outcome = await runner.ExecuteAsync(
                incident.InstanceId,
                new RetryIncident(incident.EngineIncidentId, request?.Variables, user.Id),
                audit.Writes(Audit.AuditActions.IncidentRetry, id.ToString(), new { instance = incident.InstanceId, node = incident.NodeId, variables = request?.Variables?.Keys.Order(StringComparer.Ordinal).ToArray() }),
                cancellationToken);
        }
        catch (CalledDefinitionMissingException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Called definition not deployed");
        }

        if (outcome is not CommandOutcome.Applied)
        {
            return TypedResults.Problem($"Incident '{id}' is no longer open.", statusCode: StatusCodes.Status409Conflict, title: "Incident resolved");
        }

        return TypedResults.Ok(IncidentResponse.From(await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken)));
    }
}
