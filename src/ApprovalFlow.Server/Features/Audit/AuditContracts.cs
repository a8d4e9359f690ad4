using System.Text.Json;

namespace ApprovalFlow.Server.Features.Audit;

/// <summary>One entry of the audit log.</summary>
/// <param name="Id">The entry's number (increasing).</param>
/// <param name="At">When the action was taken (UTC).</param>
/// <param name="ActorId">The acting user's id.</param>
/// <param name="ActorName">The acting user's display name at the time, or <see langword="null"/>.</param>
/// <param name="Action">The kind of action (<see cref="AuditActions"/>).</param>
/// <param name="Target">The id or key acted on.</param>
/// <param name="Changes">What changed (a JSON object), or <see langword="null"/>.</param>
/// <param name="ClientIp">The client's address, or <see langword="null"/>.</param>
public sealed record AuditEntryResponse(long Id, DateTimeOffset At, string ActorId, string? ActorName, string Action, string Target, JsonElement? Changes, string? ClientIp)
{
    internal static AuditEntryResponse From(AuditEntryRecord row) =>
        new(row.Id, row.At, row.ActorId, row.ActorName, row.Action, row.Target, row.Changes, row.ClientIp);
}

/// <summary>A page of audit entries, newest first.</summary>
/// <param name="Items">The entries of the page.</param>
/// <param name="Total">How many entries match the filters.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, int Total);

/// <summary>The filters of the audit log; every one optional.</summary>
/// <param name="Actor">Only this user's actions (user id).</param>
/// <param name="Action">Only this kind (<see cref="AuditActions"/>).</param>
/// <param name="From">From this instant on (inclusive): ISO 8601 with offset, or an ISO or Solar Hijri date meaning its 00:00 in the calendar's zone.</param>
/// <param name="To">Before this instant (exclusive), or through the end of this ISO or Solar Hijri date.</param>
public sealed record AuditFilter(string? Actor, string? Action, string? From, string? To);
