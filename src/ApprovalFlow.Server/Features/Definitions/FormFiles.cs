using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// Where task forms are: the form-js schema of <c>camunda:formKey="KEY"</c> is
/// <c>&lt;Workflows:Directory&gt;/forms/KEY.form</c>, the folder resolved against the content root. A key
/// is a file name: one with a folder separator names no form. Thread-safe singleton.
/// </summary>
public sealed class FormFiles(IOptions<WorkflowsOptions> options, IHostEnvironment environment)
{
    /// <summary>The full path of the forms folder.</summary>
    public string Folder { get; } = Path.Combine(Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Directory)), "forms");

    /// <summary><see langword="true"/> when the form of <paramref name="formKey"/> exists.</summary>
    public bool Exists(string formKey) =>
        formKey.IndexOfAny(['/', '\\']) < 0 && File.Exists(Path.Combine(Folder, formKey + ".form"));
}
