using System.ComponentModel.DataAnnotations;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>Where the shipped workflows are (configuration section <c>Workflows</c>).</summary>
public sealed class WorkflowsOptions
{
    /// <summary>The configuration section: <c>Workflows</c>.</summary>
    public const string Section = "Workflows";

    /// <summary>
    /// Folder whose <c>*.bpmn</c> files are deployed at start-up (not its subfolders) and whose
    /// <c>forms/</c> holds the task forms: absolute, or relative to the content root or, failing that, to
    /// the application's base directory (where the build copies the repository's <c>workflows/*.bpmn</c>
    /// and forms, so the default works under <c>dotnet run</c> from any folder). Default <c>workflows</c>.
    /// A missing folder deploys nothing.
    /// </summary>
    [Required]
    public string Directory { get; set; } = "workflows";

    /// <summary>The paths <see cref="Directory"/> may name, in the order they are tried (<see cref="Hosting.ContentPaths.Candidates"/>).</summary>
    /// <param name="contentRoot">The host's content root.</param>
    /// <returns>One or two full paths.</returns>
    public IReadOnlyList<string> DirectoryCandidates(string contentRoot) => Hosting.ContentPaths.Candidates(Directory, contentRoot);

    /// <summary>The first of <see cref="DirectoryCandidates"/> that exists, or <see langword="null"/>.</summary>
    /// <param name="contentRoot">The host's content root.</param>
    /// <returns>The full path of the folder, or <see langword="null"/> when none exists.</returns>
    public string? ResolveDirectory(string contentRoot) => Hosting.ContentPaths.Resolve(Directory, contentRoot, System.IO.Directory.Exists);
}
