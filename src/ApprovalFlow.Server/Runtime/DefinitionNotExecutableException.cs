namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// A definition version with <c>isExecutable="false"</c> (drawn for documentation) was to be started,
/// directly or by a call activity. It is stored so that it can be viewed, but never runs.
/// </summary>
public sealed class DefinitionNotExecutableException(string key, int version)
    : ApprovalFlowException($"Definition '{key}' version {version} is not executable (isExecutable=\"false\"): it can be viewed but not started. Mark the process executable and deploy it again to run it.")
{
    /// <summary>The definition key.</summary>
    public string Key { get; } = key;

    /// <summary>The version.</summary>
    public int Version { get; } = version;
}
