using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// Where task forms are: the form-js schema of <c>camunda:formKey="KEY"</c> is
/// <c>&lt;Workflows:Directory&gt;/forms/KEY.form</c>, the folder resolved as <see cref="WorkflowsOptions.ResolveDirectory"/> does (content root, then beside the binaries). A key
/// is a file name: one with a folder separator names no form. Thread-safe singleton.
/// </summary>
public sealed class FormFiles(IOptions<WorkflowsOptions> options, IHostEnvironment environment)
{
    /// <summary>The full path of the forms folder.</summary>
    public string Folder { get; } = Path.Combine(options.Value.ResolveDirectory(environment.ContentRootPath) ?? options.Value.DirectoryCandidates(environment.ContentRootPath)[0], "forms");

    /// <summary><see langword="true"/> when the form of <paramref name="formKey"/> exists.</summary>
    public bool Exists(string formKey) =>
        formKey.IndexOfAny(['/', '\\']) < 0 && File.Exists(Path.Combine(Folder, formKey + ".form"));
}
