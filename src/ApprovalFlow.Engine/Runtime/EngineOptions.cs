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
    /// step as <see cref="MaxNodeEntriesPerStep"/> does. Default 30 s: a bound on runaway work, far above
    /// any legitimate step even on a saturated machine (a two-task fork measured 3.6 s with both cores of
    /// a 2-core host busy), so load alone never stops a step; must be positive.
    /// </summary>
    public TimeSpan MaxStepDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most instances one multi-instance activity may create (BPMN 2.0.2 §10.3.8): a larger collection
    /// or <c>loopCardinality</c> raises a <see cref="State.IncidentKind.TooManyInstances"/> incident
    /// naming the element and the count. Default 1,000; must be positive.
    /// </summary>
    public int MaxMultiInstanceItems { get; init; } = 1_000;

    /// <summary>Every setting out of range, named as in configuration (e.g. <c>Engine:MaxStepDuration must be positive.</c>); empty when all are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DefaultJobRetryCycle))
        {
            problems.Add($"{Section}:{nameof(DefaultJobRetryCycle)} must be set.");
        }

        if (MaxNodeEntriesPerStep <= 0)
        {
            problems.Add($"{Section}:{nameof(MaxNodeEntriesPerStep)} must be positive.");
        }

        if (MaxStepDuration <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(MaxStepDuration)} must be positive.");
        }

        if (MaxMultiInstanceItems <= 0)
        {
            problems.Add($"{Section}:{nameof(MaxMultiInstanceItems)} must be positive.");
        }

        return problems;
    }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message lists every <see cref="Problems"/>.</exception>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
    }
}
