namespace ApprovalFlow.Engine.Runtime;

/// <summary>Settings of <see cref="ProcessEngine"/>.</summary>
public sealed record EngineOptions
{
    /// <summary>
    /// Retry cycle of service tasks without <c>camunda:failedJobRetryTimeCycle</c>: <c>R3/PT1M</c>
    /// (three attempts in all, one minute apart); see <see cref="Bpmn.Timers.RetrySchedule"/>.
    /// </summary>
    public string DefaultJobRetryCycle { get; init; } = "R3/PT1M";

    /// <summary>
    /// Most node entries one step may make before the token is stopped with an
    /// <see cref="State.IncidentKind.EndlessLoop"/> incident (a loop with no wait state). Default 10,000.
    /// </summary>
    public int MaxNodeEntriesPerStep { get; init; } = 10_000;
}
