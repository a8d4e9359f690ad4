using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>The outcome of <see cref="DefinitionDeployer.DeployAsync(string, string, CancellationToken)"/>: <see cref="DefinitionsDeployed"/> or <see cref="DeploymentRejected"/>.</summary>
public abstract record DeploymentResult;

/// <summary>The file is valid; every process in it is deployed (or was already, with the same content).</summary>
/// <param name="Processes">One entry per process of the file, in document order.</param>
public sealed record DefinitionsDeployed(IReadOnlyList<DeployedVersion> Processes) : DeploymentResult
{
    /// <summary><see langword="true"/> when at least one process got a new version.</summary>
    public bool AnyNew => Processes.Any(p => p.IsNew);
}

/// <summary>The file is invalid; nothing was stored.</summary>
/// <param name="Errors">Every error, ordered by line then column; never empty.</param>
public sealed record DeploymentRejected(IReadOnlyList<BpmnDiagnostic> Errors) : DeploymentResult
{
    /// <summary>The first error as one sentence for people: message, element id, line and column.</summary>
    public string Summary
    {
        get
        {
            var first = Errors[0];
            var where = first.ElementId is null
                ? $"line {first.Line}, column {first.Column}"
                : $"element '{first.ElementId}', line {first.Line}, column {first.Column}";
            var more = Errors.Count > 1 ? $"; {Errors.Count - 1} more error(s)" : string.Empty;
            return $"{first.Message} ({where}){more}";
        }
    }
}

/// <summary>One process version as stored.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Key">The process id (definition key).</param>
/// <param name="Version">Its version, from 1.</param>
/// <param name="Name">The process name, or <see langword="null"/>.</param>
/// <param name="IsNew"><see langword="true"/> when this deployment created the version; <see langword="false"/> when the same content was already deployed.</param>
/// <param name="IsExecutable"><see langword="false"/> for a process with <c>isExecutable="false"</c> (stored to be viewed, never started).</param>
public sealed record DeployedVersion(Guid Id, string Key, int Version, string? Name, bool IsNew, bool IsExecutable);

/// <summary>What <see cref="DefinitionDeployer"/> does with user tasks that literally name groups or users the directory lacks.</summary>
public enum DirectoryCheck
{
    /// <summary>Refuse the file (deployments through the API).</summary>
    Refuse,

    /// <summary>
    /// Deploy and log a warning for each (the shipped workflows at start-up, when the directory may not be
    /// filled yet); a task created for names still missing then becomes an incident.
    /// </summary>
    Warn,
}

/// <summary>The designer draft a deployment comes from, recorded on each version it creates.</summary>
/// <param name="UserId">The draft owner's user id.</param>
/// <param name="SavedAt">When the draft was last saved (UTC).</param>
public sealed record DraftOrigin(string UserId, DateTimeOffset SavedAt);
