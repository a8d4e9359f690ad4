namespace ApprovalFlow.Engine.Runtime;

/// <summary>Settings of <see cref="ProcessEngine"/> (section <c>Engine</c> in the service's configuration).</summary>
public sealed record EngineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Engine";

    /// <summary>
    /// Retry cycle of service tasks without <c>camunda:failedJobRetryTimeCycle</c>: <c>R3/PT1M</c>
    /// (three attempts in all, one minute apart); see <see cref="Bpmn.Timers.RetrySchedule"/>.
    /// </summary>
    public string DefaultJobRetryCycle { get; init; } = "R3/PT1M";

    /// <summary>
    /// Work budget of one step in node entries: once a step has entered this many nodes, it stops with
    /// a <see cref="State.IncidentKind.WorkBudget"/> incident and keeps the work left over (a loop with
    /// no wait state, or a huge fan-out). Default 10,000; must be positive.
    /// </summary>
    public int MaxNodeEntriesPerStep { get; init; } = 10_000;

    /// <summary>
    /// Work budget of one step in wall time, measured with the engine's <see cref="TimeProvider"/>
    /// (<see cref="TimeProvider.GetTimestamp"/>) and checked before each node entry; exceeding it ends the
    /// step as <see cref="MaxNodeEntriesPerStep"/> does. Default 2 s; must be positive.
    /// </summary>
    public TimeSpan MaxStepDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most instances one multi-instance activity may create (BPMN 2.0.2 §10.3.8): a larger collection
    /// or <c>loopCardinality</c> raises a <see cref="State.IncidentKind.TooManyInstances"/> incident
    /// naming the element and the count. Default 1,000; must be positive.
    /// </summary>
    public int MaxMultiInstanceItems { get; init; } = 1_000;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A limit is zero or negative, or the retry cycle is empty.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DefaultJobRetryCycle, nameof(DefaultJobRetryCycle));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxNodeEntriesPerStep, 0, nameof(MaxNodeEntriesPerStep));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxStepDuration, TimeSpan.Zero, nameof(MaxStepDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxMultiInstanceItems, 0, nameof(MaxMultiInstanceItems));
    }
}
