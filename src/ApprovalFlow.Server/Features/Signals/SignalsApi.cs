using System.Text.Json;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime.Signals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Signals;

/// <summary>Broadcasts a signal.</summary>
/// <param name="Name">The signal name (a <c>bpmn:signal</c>'s name, expressions evaluated).</param>
/// <param name="Variables">Variables set in each receiving execution's scope and in started instances; optional.</param>
public sealed record SendSignalRequest(string Name, Dictionary<string, JsonElement>? Variables);

/// <summary>What a broadcast scheduled; delivery runs in the background.</summary>
/// <param name="DeliveryId">The delivery; its progress is at <c>GET /api/signals/{deliveryId}</c>.</param>
/// <param name="Subscriptions">Waiting subscriptions that will receive the signal.</param>
/// <param name="Instances">Instances those subscriptions belong to.</param>
/// <param name="Starts">Instances that will be started at signal start events.</param>
public sealed record SendSignalResponse(Guid DeliveryId, int Subscriptions, int Instances, int Starts);

/// <summary>The progress of a broadcast.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="Name">The signal name.</param>
/// <param name="Targets">Instances and starts it goes to.</param>
/// <param name="Delivered">Targets delivered so far.</param>
/// <param name="LastDeliveredAt">When the last target so far was delivered (UTC), or <see langword="null"/>.</param>
public sealed record SignalDeliveryResponse(Guid DeliveryId, string Name, int Targets, int Delivered, DateTimeOffset? LastDeliveredAt);

/// <summary>
/// The signal API (BPMN 2.0.2 §10.5.5): a signal is global, as in Camunda 7 — it reaches every
/// waiting subscription of every instance and starts the latest deployed definitions with a signal start
/// event of its name. It changes many instances at once, so only admins, process owners and
/// <see cref="Roles.Worker"/> accounts may send one.
/// </summary>
public static class SignalsApi
{
    /// <summary>Maps <c>POST /api/signals</c> and <c>GET /api/signals/{deliveryId}</c>.</summary>
    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/signals").WithTags("Signals").RequireAuthorization(Policies.SignedIn).WithProblemResponses();
        api.MapPost("/", SendAsync).WithName("SendSignal")
            .WithSummary("Broadcasts a signal to every waiting subscription and to signal start events; 202 with what was scheduled.")
            .WithDescription("Admins, process owners and worker accounts only. Each receiving instance takes the signal in a transaction of its own, exactly once, in the background.");
        api.MapGet("/{deliveryId:guid}", GetAsync).WithName("GetSignalDelivery").WithSummary("The progress of a signal broadcast.");
        return endpoints;
    }

    internal static async Task<Results<Accepted<SendSignalResponse>, ProblemHttpResult>> SendAsync(
        SendSignalRequest request, SignalBroadcaster broadcaster, ICurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return TypedResults.Problem("name is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        if ((RequestRules.Key(request.Name, "name") ?? RequestRules.Variables(request.Variables)) is { } invalid)
        {
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!Allowed(user))
        {
            return Forbidden(request.Name);
        }

        var broadcast = await broadcaster.BroadcastAsync(Guid.CreateVersion7(time.GetUtcNow()), request.Name, request.Variables, null, user.Id, cancellationToken);
        return TypedResults.Accepted(
            $"/api/signals/{broadcast.DeliveryId}", new SendSignalResponse(broadcast.DeliveryId, broadcast.Subscriptions, broadcast.Instances, broadcast.Starts));
    }

    internal static async Task<Results<Ok<SignalDeliveryResponse>, ProblemHttpResult>> GetAsync(
        Guid deliveryId, ApprovalFlowDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var delivery = Allowed(user) ? await db.SignalDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken) : null;
        if (delivery is null)
        {
            return TypedResults.Problem($"No signal delivery '{deliveryId}' that you may see.", statusCode: StatusCodes.Status404NotFound, title: "Signal delivery not found");
        }

        var targets = db.SignalDeliveryTargets.AsNoTracking().Where(t => t.DeliveryId == deliveryId);
        return TypedResults.Ok(new SignalDeliveryResponse(
            deliveryId,
            delivery.SignalName,
            await targets.CountAsync(cancellationToken),
            await targets.CountAsync(t => t.DeliveredAt != null, cancellationToken),
            await targets.MaxAsync(t => t.DeliveredAt, cancellationToken)));
    }

    private static bool Allowed(ICurrentUser user) => user.SeesEverything || user.IsInRole(Roles.Worker);

    private static ProblemHttpResult Forbidden(string name) => TypedResults.Problem(
        $"Only admins, process owners and worker accounts may send signals; signal '{name}' would reach every waiting instance.",
        statusCode: StatusCodes.Status403Forbidden, title: "Signals not allowed");
}
