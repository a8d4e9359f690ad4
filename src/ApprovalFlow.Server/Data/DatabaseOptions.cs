namespace ApprovalFlow.Server.Data;

/// <summary>Database settings (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Database";

    /// <summary>Apply pending EF Core migrations at start-up; default <see langword="true"/>.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
