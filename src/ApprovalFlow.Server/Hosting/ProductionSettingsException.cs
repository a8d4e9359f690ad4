namespace ApprovalFlow.Server.Hosting;

/// <summary>
/// The service refuses to start in the <c>Production</c> environment: its settings are fit only for a demo
/// (<see cref="ProductionGuard"/>). The message lists every problem with its setting and fix; no secret's value.
/// </summary>
public sealed class ProductionSettingsException : ApprovalFlowException
{
    /// <summary>Creates the exception from the problems found, one sentence each.</summary>
    /// <param name="failures">What is wrong, each naming its setting; at least one.</param>
    public ProductionSettingsException(IReadOnlyList<string> failures)
        : base("ApprovalFlow refuses to start in Production: " + string.Join(" ", (failures ?? []).Select((f, i) => $"({i + 1}) {f}")))
    {
        Failures = failures ?? [];
    }

    /// <summary>The problems found, one sentence each naming its setting.</summary>
    public IReadOnlyList<string> Failures { get; }
}
