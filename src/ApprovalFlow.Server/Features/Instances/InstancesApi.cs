using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Instances;

/// <summary>The process instance API: start, list, read, history, cancel.</summary>
public static class InstancesApi
{
    /// <summary>Maps <c>/api/instances</c>.</summary>
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/instances").WithTags("Instances").RequireAuthorization(Policies.SignedIn).WithProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/", StartAsync).WithName("StartInstance").WithSummary("Starts an instance of a deployed definition (latest version unless given); 409 naming the active instance when one of the key already has the business key; 409 for a non-executable one.");
        api.MapGet("/", ListAsync).WithName("ListInstances").WithSummary("Instances visible to the caller, newest first, paged.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetInstance").WithSummary("One instance with variables and where its tokens are.");
        api.MapGet("/{id:guid}/history", HistoryAsync).WithName("GetInstanceHistory").WithSummary("The instance's history events in order, with node names (from the definition version it runs) and actors' display names.");
        api.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelInstance").WithSummary("Cancels the instance and its children (admins, process owners, or who started it).");
        return endpoints;
    }

    internal static async Task<Results<Created<InstanceResponse>, ProblemHttpResult>> StartAsync(
        StartInstanceRequest request, DefinitionCatalog catalog, InstanceRunner runner, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionKey))
        {
            return TypedResults.Problem("definitionKey is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        if ((RequestRules.Key(request.DefinitionKey, "definitionKey") ?? RequestRules.Key(request.BusinessKey, "businessKey") ?? RequestRules.Variables(request.Variables)) is { } invalid)
        {
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status400BadRequest);
        }

        DeployedDefinition? definition;
        try
        {
            definition = await catalog.FindAsync(request.DefinitionKey, request.Version, cancellationToken);
        }
        catch (DefinitionNotExecutableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Definition not executable");
        }

        if (definition is null)
        {
            return TypedResults.Problem(
                $"No definition '{request.DefinitionKey}'{(request.Version is { } v ? $" version {v}" : string.Empty)} is deployed.",
                statusCode: StatusCodes.Status404NotFound, title: "Definition not found");
        }

        if (definition.Process.Definition is { StartEventId.Length: 0, SignalStartEventIds.Count: 0, TimerStartEventIds: { Count: > 0 } timerStarts })
        {
            return TypedResults.Problem(
                $"Definition '{definition.Key}' version {definition.Version} has no none start event; it is started by its timer start events ({string.Join(", ", timerStarts)}) only.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Started by timers only");
        }

        if (definition.Process.Definition.StartEventId.Length == 0)
        {
            return TypedResults.Problem(
                $"Definition '{definition.Key}' version {definition.Version} has no none start event; it is started by {StartedBy(definition.Process.Definition)}.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Started by events only");
        }

        try
        {
            var record = await runner.StartAsync(definition, request.BusinessKey, request.Variables, user.Id, cancellationToken);
            return TypedResults.Created($"/api/instances/{record.Id}", InstanceResponse.From(record, NodeNames(definition)));
        }
        catch (CalledDefinitionMissingException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Called definition not deployed");
        }
        catch (BusinessKeyInUseException e)
        {
            return TypedResults.Problem(
                e.Message, statusCode: StatusCodes.Status409Conflict, title: "Business key in use",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["existingInstanceId"] = e.ExistingInstanceId });
        }
    }

    /// <summary>How a process without a none start event is started: its signal and message start events.</summary>
    private static string StartedBy(Bpmn.Model.ProcessDefinition process) => string.Join(" or ", new[]
    {
        process.SignalStartEventIds.Count == 0 ? null : $"its signal start events ({string.Join(", ", process.SignalStartEventIds)}) through POST /api/signals or a thrown signal",
        process.MessageStartEventIds.Count == 0 ? null : $"its message start events ({string.Join(", ", process.MessageStartEventIds)}) through POST /api/messages",
    }.OfType<string>());

    internal static async Task<Results<Ok<InstancePage>, ProblemHttpResult>> ListAsync(
        ApprovalFlowDbContext db, ICurrentUser user, CancellationToken cancellationToken,
        string? definitionKey = null, string? status = null, string? businessKey = null, int page = 1, int pageSize = 50)
    {
        if (status is not null && ParseStatus(status) is null)
        {
            return TypedResults.Problem($"status must be active, completed or cancelled, not '{status}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var query = (await InstanceAccess.VisibleAsync(db, user, cancellationToken)).AsNoTracking();
        if (definitionKey is not null)
        {
            query = query.Where(i => i.DefinitionKey == definitionKey);
        }

        if (ParseStatus(status) is { } wanted)
        {
            query = query.Where(i => i.Status == wanted);
        }

        if (businessKey is not null)
        {
            query = query.Where(i => i.BusinessKey == businessKey);
        }

        (page, pageSize) = Paging.Clamp(page, pageSize);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(i => new { i.Id, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.Status, i.ParentInstanceId, i.RootInstanceId, i.StartedAt, i.EndedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new InstancePage(
            [.. items.Select(i => new InstanceSummary(i.Id, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, InstanceResponse.StatusText(i.Status), i.ParentInstanceId, i.RootInstanceId, i.StartedAt, i.EndedAt))],
            total));
    }

    internal static async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ApprovalFlowDbContext db, DefinitionCatalog catalog, ICurrentUser user, CancellationToken cancellationToken)
    {
        var record = await (await InstanceAccess.VisibleAsync(db, user, cancellationToken)).AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (record is null)
        {
            return NotFound(id);
        }

        var definition = await catalog.GetAsync(record.DefinitionId, cancellationToken);
        return TypedResults.Ok(InstanceResponse.From(record, NodeNames(definition)));
    }

    internal static async Task<Results<Ok<List<HistoryEntry>>, ProblemHttpResult>> HistoryAsync(
        Guid id, ApprovalFlowDbContext db, DefinitionCatalog catalog, ICurrentUser user, CancellationToken cancellationToken)
    {
        var definitionId = await (await InstanceAccess.VisibleAsync(db, user, cancellationToken))
            .Where(i => i.Id == id).Select(i => (Guid?)i.DefinitionId).SingleOrDefaultAsync(cancellationToken);
        if (definitionId is not { } version)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(await InstanceHistory.ReadAsync(db, catalog, id, version, cancellationToken));
    }

    internal static async Task<Results<Ok<InstanceResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, CancelInstanceRequest? request, ApprovalFlowDbContext db, DefinitionCatalog catalog, InstanceRunner runner, ICurrentUser user, Audit.AuditTrail audit, CancellationToken cancellationToken)
    {
        var record = await (await InstanceAccess.VisibleAsync(db, user, cancellationToken)).AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (record is null)
        {
            return NotFound(id);
        }

        if (record.ParentInstanceId is { } parent)
        {
            return TypedResults.Problem(
                $"Instance '{id}' was started by a call activity of instance '{parent}'; cancel that instance (its root is '{record.RootInstanceId}') instead.",
                statusCode: StatusCodes.Status409Conflict, title: "Cancel the parent");
        }

        if (!user.SeesEverything && record.StartedBy != user.Id)
        {
            return TypedResults.Problem("Only admins, process owners and the user who started the instance may cancel it.", statusCode: StatusCodes.Status403Forbidden);
        }

        var outcome = await runner.ExecuteAsync(
            id,
            new CancelInstance(user.Id, request?.Reason),
            audit.Writes(Audit.AuditActions.InstanceCancel, id.ToString(), new { definition = $"{record.DefinitionKey}:{record.DefinitionVersion}", businessKey = record.BusinessKey, reason = request?.Reason }),
            cancellationToken);
        return outcome switch
        {
            CommandOutcome.Applied applied => TypedResults.Ok(InstanceResponse.From(applied.Instance, NodeNames(await catalog.GetAsync(applied.Instance.DefinitionId, cancellationToken)))),
            CommandOutcome.NotApplicable notApplicable => TypedResults.Problem($"The instance cannot be cancelled: {notApplicable.Detail}", statusCode: StatusCodes.Status409Conflict),
            _ => NotFound(id),
        };
    }

    internal static Func<string, string?> NodeNames(DeployedDefinition definition) =>
        nodeId => definition.Process.Definition.Nodes.TryGetValue(nodeId, out var node) ? node.Name : null;

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"Instance '{id}' does not exist or is not visible to you.", statusCode: StatusCodes.Status404NotFound, title: "Instance not found");

    private static InstanceStatus? ParseStatus(string? status) => status?.ToLowerInvariant() switch
    {
        "active" => InstanceStatus.Active,
        "completed" => InstanceStatus.Completed,
        "cancelled" => InstanceStatus.Cancelled,
        _ => null,
    };
}
