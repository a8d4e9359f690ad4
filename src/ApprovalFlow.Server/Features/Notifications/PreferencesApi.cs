using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>A user's notification preferences.</summary>
/// <param name="Language">Mail language, <c>fa</c> or <c>en</c>; <see langword="null"/> follows the web app's language.</param>
/// <param name="Kinds">Per kind (<c>task-offered</c>, <c>task-assigned</c>, <c>task-reminder</c>, <c>task-escalated</c>, <c>decision</c>, <c>plan-approved</c>): <c>immediate</c>, <c>digest</c> (only in the daily digest) or <c>none</c>. Kinds not listed are immediate.</param>
/// <param name="Digest">Whether the daily digest of open and overdue tasks is wanted (working days, <c>Notifications:DigestHour</c>).</param>
public sealed record NotificationPreferences(string? Language, Dictionary<string, string> Kinds, bool Digest);

/// <summary>The signed-in user's notification preferences: <c>/api/me/notifications</c>.</summary>
public static class PreferencesApi
{
    private static readonly Dictionary<string, NotificationDelivery> Deliveries = new(StringComparer.Ordinal)
    {
        ["immediate"] = NotificationDelivery.Immediate, ["digest"] = NotificationDelivery.Digest, ["none"] = NotificationDelivery.None,
    };

    /// <summary>Maps <c>GET</c> and <c>PUT /api/me/notifications</c>.</summary>
    public static IEndpointRouteBuilder MapNotificationPreferencesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/me/notifications").WithTags("Notifications").RequireAuthorization(Policies.SignedIn).WithProblemResponses();
        api.MapGet("/", GetAsync).WithName("GetMyNotificationPreferences").WithSummary("The caller's mail preferences: language, delivery per kind, daily digest.");
        api.MapPut("/", PutAsync).WithName("PutMyNotificationPreferences").WithSummary("Replaces the caller's mail preferences.");
        return endpoints;
    }

    internal static async Task<Ok<NotificationPreferences>> GetAsync(ApprovalFlowDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var row = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
        return TypedResults.Ok(From(row));
    }

    internal static async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> PutAsync(
        NotificationPreferences request, ApprovalFlowDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (request.Language is not null && !UserLanguage.IsSupported(request.Language))
        {
            problems.Add($"language must be fa or en, not '{request.Language}'.");
        }

        var kinds = new Dictionary<string, NotificationDelivery>(StringComparer.Ordinal);
        foreach (var (kind, delivery) in request.Kinds ?? [])
        {
            if (!NotificationKinds.All.Contains(kind) || kind == NotificationKinds.Digest)
            {
                problems.Add($"'{kind}' is not a kind of mail ({string.Join(", ", NotificationKinds.All.Where(k => k != NotificationKinds.Digest))}).");
            }
            else if (!Deliveries.TryGetValue(delivery, out var value))
            {
                problems.Add($"kinds.{kind} must be immediate, digest or none, not '{delivery}'.");
            }
            else
            {
                kinds[kind] = value;
            }
        }

        if (problems.Count > 0)
        {
            return TypedResults.Problem(string.Join(" ", problems), statusCode: StatusCodes.Status400BadRequest);
        }

        var row = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
        if (row is null)
        {
            row = new NotificationPreferenceRecord { UserId = user.Id };
            db.NotificationPreferences.Add(row);
        }

        row.Language = request.Language;
        row.Kinds = kinds;
        row.Digest = request.Digest;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(From(row));
    }

    private static NotificationPreferences From(NotificationPreferenceRecord? row) => new(
        row?.Language,
        NotificationKinds.All.Where(k => k != NotificationKinds.Digest).ToDictionary(
            k => k, k => Deliveries.First(d => d.Value == (row?.Kinds.GetValueOrDefault(k) ?? NotificationDelivery.Immediate)).Key, StringComparer.Ordinal),
        row?.Digest ?? false);
}
