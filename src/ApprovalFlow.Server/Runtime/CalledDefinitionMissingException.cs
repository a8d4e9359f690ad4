namespace ApprovalFlow.Server.Runtime;

/// <summary>A call activity names a process definition that is not deployed, or one that is not executable.</summary>
public sealed class CalledDefinitionMissingException(string callerKey, string nodeId, string calledKey, int? version, bool notExecutable = false)
    : ApprovalFlowException($"Call activity '{nodeId}' of '{callerKey}' calls '{calledKey}'{(version is null ? string.Empty : $" version {version}")}, which is {(notExecutable ? "not executable (isExecutable=\"false\")" : "not deployed")}.")
{
    /// <summary>The called process key.</summary>
    public string CalledKey { get; } = calledKey;
}
