namespace ApprovalFlow.Server.Features.Auth.Protection;

/// <summary>
/// Wrong passwords counted for one account from one client, or for one account from all clients (<see cref="Key"/>
/// tells which), and until when further attempts are refused. Kept in PostgreSQL so every node sees the same counts.
/// </summary>
public sealed class SignInThrottleRecord
{
    /// <summary>SHA-256 (hex) of the counted thing: the normalised e-mail, with the client's address for a per-client row; the e-mail and address themselves are not stored.</summary>
    public required string Key { get; set; }

    /// <summary>Wrong passwords counted since <see cref="WindowStart"/>.</summary>
    public int Failures { get; set; }

    /// <summary>When the counting began (the first wrong password of the window, UTC).</summary>
    public DateTimeOffset WindowStart { get; set; }

    /// <summary>The last wrong password (UTC).</summary>
    public DateTimeOffset LastFailureAt { get; set; }

    /// <summary>Until when attempts are refused (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? BlockedUntil { get; set; }
}
