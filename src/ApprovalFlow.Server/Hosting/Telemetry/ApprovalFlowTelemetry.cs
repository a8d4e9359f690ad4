using System.Diagnostics;

namespace ApprovalFlow.Server.Hosting.Telemetry;

/// <summary>
/// The names under which the service publishes its own telemetry: one <see cref="System.Diagnostics.Metrics.Meter"/>
/// and one <see cref="ActivitySource"/>, both named <see cref="Name"/>, and the tag names of their instruments
/// (listed in <c>docs/observability.md</c>).
/// </summary>
public static class ApprovalFlowTelemetry
{
    /// <summary>The meter's and the activity source's name: <c>ApprovalFlow</c>.</summary>
    public const string Name = "ApprovalFlow";

    /// <summary>Tag: the engine command's kind (<see cref="CommandKinds"/>), e.g. <c>complete</c>.</summary>
    public const string KindTag = "kind";

    /// <summary>Tag: the process definition key, e.g. <c>plan-approval</c>.</summary>
    public const string DefinitionTag = "definition";

    /// <summary>Tag: how a command ended: <c>applied</c>, <c>not_applicable</c> or <c>instance_not_found</c>.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>Tag on failed mail attempts: <c>true</c> when it was the last attempt (the notification is failed for good).</summary>
    public const string FinalTag = "final";

    /// <summary>The spans of engine commands (one per command, retries included).</summary>
    public static ActivitySource Source { get; } = new(Name);
}
