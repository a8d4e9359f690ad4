using System.Text.Json;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// One e-mail to one person (architecture decision 5), written in the transaction of the engine step or
/// reminder job that causes it and sent afterwards by <c>NotificationJob</c>; the row is the record of
/// what was sent, to whom, and how each attempt went.
/// </summary>
public sealed class NotificationRecord
{
    /// <summary>Id (UUID v7); the mail's Message-Id is derived from it (<see cref="MessageId"/>).</summary>
    public Guid Id { get; set; }

    /// <summary>The recipient's user id, or <see langword="null"/> for an external address.</summary>
    public string? RecipientUserId { get; set; }

    /// <summary>The recipient's e-mail address, or <see langword="null"/> when the user has none (then <see cref="NotificationStatus.Skipped"/>).</summary>
    public string? RecipientAddress { get; set; }

    /// <summary>The kind, one of <c>NotificationKinds</c>, e.g. <c>task-offered</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The template name (a file <c>&lt;template&gt;.&lt;language&gt;.liquid</c> in <c>Notifications:TemplatesDirectory</c>).</summary>
    public required string Template { get; set; }

    /// <summary>The language of the mail: <c>fa</c> or <c>en</c>.</summary>
    public required string Language { get; set; }

    /// <summary>What the template shows, as JSON (task, link data, decision...).</summary>
    public required JsonElement Data { get; set; }

    /// <summary>Pending, sent, failed or skipped.</summary>
    public NotificationStatus Status { get; set; }

    /// <summary>SMTP attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>The last attempt's error, or why it was skipped; <see langword="null"/> when none.</summary>
    public string? LastError { get; set; }

    /// <summary>The RFC 5322 Message-Id (without angle brackets), the same on every attempt and resend.</summary>
    public required string MessageId { get; set; }

    /// <summary>The instance whose step caused it, or <see langword="null"/>.</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>The inbox row it is about, or <see langword="null"/>.</summary>
    public Guid? TaskId { get; set; }

    /// <summary>When it was written (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the last attempt ran (UTC), or <see langword="null"/> before the first.</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>When it was handed to the SMTP server (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The notification whose mail carried this one (folded, <c>Notifications:FoldWindow</c>), or <see langword="null"/>.</summary>
    public Guid? FoldedInto { get; set; }

    /// <summary>The Hangfire job of the next attempt, or <see langword="null"/>.</summary>
    public string? JobId { get; set; }

    /// <summary>The Message-Id of notification <paramref name="id"/>: <c>&lt;id&gt;@approvalflow</c>.</summary>
    public static string MessageIdFor(Guid id) => $"{id:N}@approvalflow";
}

/// <summary>Status of a <see cref="NotificationRecord"/>.</summary>
public enum NotificationStatus
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Pending,

    /// <summary>Accepted by the SMTP server (alone or folded into another notification's mail).</summary>
    Sent,

    /// <summary>Every attempt of <c>Notifications:RetrySchedule</c> failed; listed as an incident.</summary>
    Failed,

    /// <summary>Not sent: the recipient has no address (recorded in <see cref="NotificationRecord.LastError"/>).</summary>
    Skipped,
}
