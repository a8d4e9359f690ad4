namespace ApprovalFlow.Simulation;

/// <summary>What a simulated plan cycle does.</summary>
public sealed record SimulationOptions
{
    /// <summary>E-mail of the process owner who starts the cycle and watches the inbox (needs <c>scope=all</c>).</summary>
    public string OwnerEmail { get; init; } = "owner@approvalflow.local";

    /// <summary>Password of every demo user (the service's <c>Seed:DemoPassword</c>).</summary>
    public string Password { get; init; } = "Demo!2345";

    /// <summary>The cycle, e.g. <c>1405-1408-sim</c>; the business key is <c>mtp-&lt;cycle&gt;</c>.</summary>
    public required string Cycle { get; init; }

    /// <summary>How many working groups send their findings back once for revision (the first ones, in order); default 1.</summary>
    public int WorkingGroupRevisions { get; init; } = 1;

    /// <summary>Approval stages that send the plan back once for revision; default <c>CommissionReview</c>.</summary>
    public IReadOnlySet<string> StageRevisions { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "CommissionReview" };

    /// <summary>Gives up after this long; default 10 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Stops the cycle (result status <c>stopped</c>) as soon as a task at this node is open, leaving it
    /// unworked; <see langword="null"/> (default) runs the cycle to its end.
    /// </summary>
    public string? StopAt { get; init; }

    /// <summary>
    /// Goes on with this root instance of the cycle (e.g. one stopped with <see cref="StopAt"/>, or restored from a backup)
    /// instead of starting a new one; <see langword="null"/> (default) starts the cycle.
    /// </summary>
    public string? ResumeInstanceId { get; init; }

    /// <summary>The plan cycle's business key.</summary>
    public string BusinessKey => $"mtp-{Cycle}";
}
