using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>
/// Deploys every <c>*.form</c> file of <c>&lt;Workflows:Directory&gt;/forms</c> at start-up, as
/// <see cref="DefinitionDeployer.SystemUser"/>, before the BPMN files (whose <c>camunda:formKey</c>s must name
/// deployed forms): the file name without <c>.form</c> is the key, and a file deploys a new version only when
/// its content changed. Every file is checked first; a form the server cannot check (an unsupported condition,
/// component or pattern) stops start-up with an <see cref="InvalidTaskFormException"/> naming each problem of
/// each file, and nothing is deployed. A missing folder deploys nothing.
/// </summary>
internal sealed class FormFolderDeployer(
    IServiceScopeFactory scopes, IOptions<WorkflowsOptions> options, IHostEnvironment environment, ILogger<FormFolderDeployer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ResolveDirectory(environment.ContentRootPath) is not { } workflows || !System.IO.Directory.Exists(Path.Combine(workflows, "forms")))
        {
            return;
        }

        var folder = Path.Combine(workflows, "forms");
        var files = new List<(string Key, string Schema)>();
        var problems = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.form").Order(StringComparer.Ordinal))
        {
            var key = Path.GetFileNameWithoutExtension(file);
            var schema = await File.ReadAllTextAsync(file, cancellationToken);
            problems.AddRange(FormDeployer.Check(key, schema).Problems.Select(p => $"{Path.GetFileName(file)}: {p}"));
            files.Add((key, schema));
        }

        if (problems.Count > 0)
        {
            throw new InvalidTaskFormException(folder, problems);
        }

        var added = 0;
        foreach (var (key, schema) in files)
        {
            await using var scope = scopes.CreateAsyncScope();
            var deployed = (FormDeployed)await scope.ServiceProvider.GetRequiredService<FormDeployer>().DeployAsync(key, schema, DefinitionDeployer.SystemUser, cancellationToken);
            added += deployed.IsNew ? 1 : 0;
        }

        FormsLog.FolderDeployed(logger, folder, files.Count, added);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
