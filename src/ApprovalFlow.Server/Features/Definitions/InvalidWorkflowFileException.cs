using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>A shipped workflow file (<c>workflows/*.bpmn</c>) is invalid; start-up stops.</summary>
public sealed class InvalidWorkflowFileException : ApprovalFlowException
{
    /// <summary>Creates the exception for <paramref name="filePath"/> rejected with <paramref name="rejection"/>.</summary>
    /// <param name="filePath">The file's full path.</param>
    /// <param name="rejection">Why it was rejected.</param>
    public InvalidWorkflowFileException(string filePath, DeploymentRejected rejection)
        : base($"The workflow file '{filePath}' is invalid: {(rejection ?? throw new ArgumentNullException(nameof(rejection))).Summary}")
    {
        FilePath = filePath;
        Errors = rejection.Errors;
    }

    /// <summary>The file's full path.</summary>
    public string FilePath { get; }

    /// <summary>Every error of the file.</summary>
    public IReadOnlyList<BpmnDiagnostic> Errors { get; }
}
