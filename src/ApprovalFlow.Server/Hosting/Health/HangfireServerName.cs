namespace ApprovalFlow.Server.Hosting.Health;

/// <summary>
/// The name this host gives its Hangfire server (<c>BackgroundJobServerOptions.ServerName</c>): the machine name and a
/// random suffix, so several hosts of one machine (or of one test process) are told apart. Hangfire registers the
/// server as <c>&lt;name&gt;:&lt;unique id&gt;</c>, lower case. Singleton.
/// </summary>
public sealed class HangfireServerName
{
    /// <summary>The server name, lower case, e.g. <c>node-a.3f9c2b1e</c>.</summary>
    public string Value { get; } = $"{Environment.MachineName}.{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();

    /// <summary>When the name was made (the host's start, wall clock, UTC).</summary>
    public DateTimeOffset CreatedAt { get; } = TimeProvider.System.GetUtcNow();

    /// <summary>Whether a server id from Hangfire's storage is this host's server.</summary>
    public bool Owns(string serverId) => serverId is not null && serverId.StartsWith(Value + ":", StringComparison.OrdinalIgnoreCase);
}
