namespace ApprovalFlow.Server.Data;

/// <summary>A user's choices for e-mail notifications; a user without a row gets every kind immediately in the web app's language.</summary>
public sealed class NotificationPreferenceRecord
{
    /// <summary>The user id.</summary>
    public required string UserId { get; set; }

    /// <summary>The language of mails (<c>fa</c> or <c>en</c>), or <see langword="null"/> for the web app's language.</summary>
    public string? Language { get; set; }

    /// <summary>How each kind is delivered, by kind (<c>task-offered</c>...); a kind not listed is <see cref="NotificationDelivery.Immediate"/>.</summary>
    public Dictionary<string, NotificationDelivery> Kinds { get; set; } = [];

    /// <summary>Whether the user receives the daily digest of open and overdue tasks (opt-in).</summary>
    public bool Digest { get; set; }
}

/// <summary>How a kind of notification reaches a user.</summary>
public enum NotificationDelivery
{
    /// <summary>Mailed when it happens (folded within the fold window).</summary>
    Immediate,

    /// <summary>Not mailed; the task shows in the daily digest.</summary>
    Digest,

    /// <summary>Not mailed at all.</summary>
    None,
}
