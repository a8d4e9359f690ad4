using System.ComponentModel.DataAnnotations;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>Where the shipped workflows are (configuration section <c>Workflows</c>).</summary>
public sealed class WorkflowsOptions
{
    /// <summary>The configuration section: <c>Workflows</c>.</summary>
    public const string Section = "Workflows";

    /// <summary>
    /// Folder whose <c>*.bpmn</c> files are deployed at start-up (not its subfolders): absolute, or
    /// relative to the content root. Default <c>workflows</c>. A missing folder deploys nothing.
    /// </summary>
    [Required]
    public string Directory { get; set; } = "workflows";
}
