using System.Text.Json;

namespace ApprovalFlow.Server.Features.Audit;

/// <summary>
/// One admin action in the audit log (table <c>audit_entries</c>): who took it, when, what kind of action on what,
/// what changed and from which address. Written in the same transaction as the action (<see cref="AuditTrail"/>), so
/// an action that rolls back leaves no entry and a committed one always has its entry. Never updated or deleted by
/// the service.
/// </summary>
public sealed class AuditEntryRecord
{
    /// <summary>Longest action kind stored (<see cref="AuditActions"/>).</summary>
    public const int MaxActionLength = 60;

    /// <summary>Longest target stored.</summary>
    public const int MaxTargetLength = 300;

    /// <summary>The entry's number, increasing in commit order of its insert (an identity column).</summary>
    public long Id { get; set; }

    /// <summary>When the action was taken (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The acting user's id (Identity user id).</summary>
    public required string ActorId { get; set; }

    /// <summary>The acting user's display name at the time, or <see langword="null"/> when the user has none.</summary>
    public string? ActorName { get; set; }

    /// <summary>What was done: one of <see cref="AuditActions"/> (e.g. <c>task.assign</c>).</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to: an id or key (task id, definition key, closure date, instance id, cycle business key).</summary>
    public required string Target { get; set; }

    /// <summary>A small JSON object of what changed (e.g. <c>{"from":"a","to":"b"}</c>), or <see langword="null"/>.</summary>
    public JsonElement? Changes { get; set; }

    /// <summary>The client's IP address as the service saw it after forwarded headers, or <see langword="null"/> when unknown.</summary>
    public string? ClientIp { get; set; }
}
