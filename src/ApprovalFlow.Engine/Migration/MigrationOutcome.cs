namespace ApprovalFlow.Engine.Migration;

/// <summary>
/// The outcome of migrating one instance (<see cref="Runtime.ProcessEngine.Migrate"/>): a closed set
/// (style.md #7) of <see cref="Migrated"/> and <see cref="Refused"/>.
/// </summary>
public abstract record MigrationOutcome
{
    private MigrationOutcome()
    {
    }

    /// <summary>The instance can move: its new state, intents and history, and what moved.</summary>
    /// <param name="Step">The new state (on the target version), the intents to carry out and the history, as for a step.</param>
    /// <param name="Tokens">Each active execution with the node it was at and the node it is at now, in execution order.</param>
    /// <param name="KeptTasks">Open user tasks kept as they were (same id, assignee, candidates, dates).</param>
    /// <param name="ReplacedTasks">Open user tasks cancelled because their token moved to another user task, with the task created there.</param>
    /// <param name="CancelledTimers">Timer ids cancelled (their event changed or is gone in the target).</param>
    /// <param name="ScheduledTimers">Timers scheduled per the target version.</param>
    public sealed record Migrated(
        StepResult.Applied Step,
        IReadOnlyList<TokenMove> Tokens,
        IReadOnlyList<string> KeptTasks,
        IReadOnlyList<TaskReplacement> ReplacedTasks,
        IReadOnlyList<string> CancelledTimers,
        IReadOnlyList<Intents.ScheduleTimerIntent> ScheduledTimers) : MigrationOutcome;

    /// <summary>The instance cannot move; nothing changes.</summary>
    /// <param name="Problems">Every reason, each naming its node, in execution order.</param>
    public sealed record Refused(IReadOnlyList<MigrationProblem> Problems) : MigrationOutcome;
}

/// <summary>An execution of a migrated instance and where it went.</summary>
/// <param name="ExecutionId">The execution (its id does not change).</param>
/// <param name="FromNodeId">Its node in the source version.</param>
/// <param name="ToNodeId">Its node in the target version.</param>
public sealed record TokenMove(string ExecutionId, string FromNodeId, string ToNodeId);

/// <summary>An open user task replaced because its token moved to another user task.</summary>
/// <param name="CancelledTaskId">The task that was open at the source node.</param>
/// <param name="CreatedTaskId">The task created at the target node, or <see langword="null"/> when its creation raised an incident.</param>
public sealed record TaskReplacement(string CancelledTaskId, string? CreatedTaskId);

/// <summary>Why an instance cannot migrate.</summary>
/// <param name="Kind">The kind of problem.</param>
/// <param name="NodeId">The source node involved.</param>
/// <param name="Message">The reason, for people and logs.</param>
public sealed record MigrationProblem(MigrationProblemKind Kind, string NodeId, string Message);

/// <summary>Kinds of <see cref="MigrationProblem"/>.</summary>
public enum MigrationProblemKind
{
    /// <summary>The instance is completed or cancelled, or runs another version or key.</summary>
    NotMigratable,

    /// <summary>An active node has no target node.</summary>
    Unmapped,

    /// <summary>An active node is mapped to a node of another kind (e.g. a user task to a gateway).</summary>
    IncompatibleKind,

    /// <summary>A token would land in a scope (process, subprocess, multi-instance body) that does not enclose it in the target.</summary>
    ScopeMismatch,

    /// <summary>A token waits at a join by a sequence flow the target's mapped gateway does not have.</summary>
    JoinFlowMissing,

    /// <summary>The instance has an open incident; resolve it first.</summary>
    OpenIncident,
}
