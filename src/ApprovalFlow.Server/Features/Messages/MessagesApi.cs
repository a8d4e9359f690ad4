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

/// <summary>Delivers a message to the instance waiting for it.</summary>
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
/// The message API (BPMN 2.0.2 §10.5.5 message events and receive tasks). Variables that a message
/// carries into the process scope are trusted input, so only admins, process owners and
/// <see cref="Roles.Worker"/> accounts may send them.
/// </summary>
public static class MessagesApi
{
    /// <summary>Maps <c>POST /api/messages</c>.</summary>
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGroup("/api/messages").WithTags("Messages").RequireAuthorization(Policies.SignedIn).WithProblemResponses(StatusCodes.Status422UnprocessableEntity)
            .MapPost("/", CorrelateAsync).WithName("CorrelateMessage")
            .WithSummary("Delivers a message to the oldest waiting subscription among the instances the caller may see, chosen by instance id or business key; 404 when none waits for it.")
            .WithDescription("Any participant may send a bare message (no variables) to an instance they can see. A message with variables may be sent only by admins, process owners and worker accounts (role 'worker'), which correlate with every active instance; others get 403.");
        return endpoints;
    }

    internal static async Task<Results<Ok<CorrelateMessageResponse>, ProblemHttpResult>> CorrelateAsync(
        CorrelateMessageRequest request, ApprovalFlowDbContext db, InstanceRunner runner, ICurrentUser user, CancellationToken cancellationToken)
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

        return TypedResults.Problem(
            $"No active instance that you may see waits for message '{request.Name}'{Scope(request)}.",
            statusCode: StatusCodes.Status404NotFound, title: "No waiting instance");
    }

    private static string Scope(CorrelateMessageRequest request) =>
        request.InstanceId is { } id ? $" in instance '{id}'" : request.BusinessKey is { } key ? $" with business key '{key}'" : string.Empty;
}
