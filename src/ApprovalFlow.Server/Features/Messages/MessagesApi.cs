using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Instances;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Messages;

/// <summary>Delivers a message to the instance waiting for it, or starts one at a message start event.</summary>
/// <param name="Name">The <c>bpmn:message</c> name.</param>
/// <param name="BusinessKey">Picks the instance by business key; optional.</param>
/// <param name="InstanceId">Picks the instance by id; optional (wins over the business key).</param>
/// <param name="Variables">Payload merged into the process scope; optional.</param>
public sealed record CorrelateMessageRequest(string Name, string? BusinessKey, Guid? InstanceId, Dictionary<string, JsonElement>? Variables);

/// <summary>The outcome of a correlation.</summary>
/// <param name="Correlated">Always <see langword="true"/> (no match is a 404 problem).</param>
/// <param name="InstanceId">The instance that received the message.</param>
public sealed record CorrelateMessageResponse(bool Correlated, Guid InstanceId);

/// <summary>
/// The message API (BPMN 2.0.2 §10.5.5 message events and receive tasks; §10.5.2 message start events). Variables
/// that a message carries into the process scope are trusted input, so only admins, process owners and
/// <see cref="Roles.Worker"/> accounts may send them. A message that no waiting subscription takes starts the
/// latest definition with a message start event of its name (<see cref="MessageStartHandler"/>): with variables
/// for those roles, bare for anyone who may start a definition (every signed-in user, as <c>POST /api/instances</c>).
/// </summary>
public static class MessagesApi
{
    /// <summary>Maps <c>POST /api/messages</c>.</summary>
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGroup("/api/messages").WithTags("Messages").RequireAuthorization(Policies.SignedIn).WithProblemResponses(StatusCodes.Status422UnprocessableEntity)
            .MapPost("/", CorrelateAsync).WithName("CorrelateMessage")
            .WithSummary("Delivers a message to the oldest waiting subscription among the instances the caller may see, chosen by instance id or business key (200, correlated=true); when no instance waits for it, starts the latest definition with a message start event of that name (201, correlated=false, started=true); 404 when neither.")
            .WithDescription("Any participant may send a bare message (no variables) to an instance they can see, or to start an instance. A message with variables may be sent only by admins, process owners and worker accounts (role 'worker'), which correlate with every active instance; others get 403. "
                + "A start takes the request's business key and variables (409 with existingInstanceId when an active instance of the definition has the business key); a message with an instanceId never starts one.");
        return endpoints;
    }

    internal static async Task<Results<Ok<CorrelateMessageResponse>, Created<MessageStartedResponse>, ProblemHttpResult>> CorrelateAsync(
        CorrelateMessageRequest request, ApprovalFlowDbContext db, InstanceRunner runner, MessageStarts starts, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return TypedResults.Problem("name is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        if ((RequestRules.Key(request.Name, "name") ?? RequestRules.Key(request.BusinessKey, "businessKey") ?? RequestRules.Variables(request.Variables)) is { } invalid)
        {
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status400BadRequest);
        }

        var worker = user.IsInRole(Roles.Worker);
        if (request.Variables is { Count: > 0 } && !(worker || user.SeesEverything))
        {
            return TypedResults.Problem(
                $"Only admins, process owners and worker accounts may send a message with variables; send '{request.Name}' without variables, or ask an admin.",
                statusCode: StatusCodes.Status403Forbidden, title: "Message variables not allowed");
        }

        var instances = worker ? db.Instances : await InstanceAccess.VisibleAsync(db, user, cancellationToken);
        var visible = instances.Where(i => i.Status == InstanceStatus.Active).Select(i => i.Id);
        var candidates = db.Subscriptions.AsNoTracking().Where(s => s.MessageName == request.Name && visible.Contains(s.InstanceId));
        if (request.InstanceId is { } instanceId)
        {
            candidates = candidates.Where(s => s.InstanceId == instanceId);
        }
        else if (request.BusinessKey is { } businessKey)
        {
            candidates = candidates.Where(s => s.BusinessKey == businessKey);
        }

        var waiting = await candidates.OrderBy(s => s.CreatedAt).Select(s => s.InstanceId).Distinct().Take(20).ToListAsync(cancellationToken);
        foreach (var id in waiting)
        {
            try
            {
                if (await runner.ExecuteAsync(id, new CorrelateMessage(request.Name, request.Variables, user.Id), cancellationToken) is CommandOutcome.Applied)
                {
                    return TypedResults.Ok(new CorrelateMessageResponse(true, id));
                }
            }
            catch (CalledDefinitionMissingException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Called definition not deployed");
            }
        }

        if (waiting.Count == 0 && request.InstanceId is null && !await WaitsElsewhereAsync(db, request, worker || user.SeesEverything, cancellationToken)
            && await MessageStartHandler.TryStartAsync(request, starts, runner, user, cancellationToken) is { } started)
        {
            return started;
        }

        return TypedResults.Problem(
            $"No active instance that you may see waits for message '{request.Name}'{Scope(request)}{(request.InstanceId is null ? ", and no deployed definition has a message start event for it" : string.Empty)}.",
            statusCode: StatusCodes.Status404NotFound, title: "No waiting instance");
    }

    /// <summary>Whether an active instance the caller may not see waits for the message (then it is not a start either).</summary>
    private static async Task<bool> WaitsElsewhereAsync(ApprovalFlowDbContext db, CorrelateMessageRequest request, bool seesAll, CancellationToken cancellationToken)
    {
        if (seesAll)
        {
            return false;
        }

        var active = db.Instances.Where(i => i.Status == InstanceStatus.Active).Select(i => i.Id);
        return await db.Subscriptions.AnyAsync(
            s => s.MessageName == request.Name && (request.BusinessKey == null || s.BusinessKey == request.BusinessKey) && active.Contains(s.InstanceId), cancellationToken);
    }

    private static string Scope(CorrelateMessageRequest request) =>
        request.InstanceId is { } id ? $" in instance '{id}'" : request.BusinessKey is { } key ? $" with business key '{key}'" : string.Empty;
}
