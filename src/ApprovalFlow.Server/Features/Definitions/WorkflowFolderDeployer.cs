using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// Deploys every <c>*.bpmn</c> file of <see cref="WorkflowsOptions.Directory"/> at start-up, in
/// ordinal file-name order, as <see cref="DefinitionDeployer.SystemUser"/>, after the database
/// migrator. Unchanged files deploy nothing; an invalid file stops start-up with an
/// <see cref="InvalidWorkflowFileException"/> naming the file, element and line.
/// </summary>
internal sealed class WorkflowFolderDeployer(
    IServiceScopeFactory scopes, IOptions<WorkflowsOptions> options, IHostEnvironment environment, ILogger<WorkflowFolderDeployer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Directory));
        if (!System.IO.Directory.Exists(folder))
        {
            DefinitionsLog.NoWorkflowsFolder(logger, folder);
            return;
        }

        var files = System.IO.Directory.EnumerateFiles(folder, "*.bpmn").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var xml = await File.ReadAllTextAsync(file, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var deployer = scope.ServiceProvider.GetRequiredService<DefinitionDeployer>();
            if (await deployer.DeployAsync(xml, DefinitionDeployer.SystemUser, DirectoryCheck.Warn, cancellationToken) is DeploymentRejected rejected)
            {
                throw new InvalidWorkflowFileException(file, rejected);
            }
        }

        DefinitionsLog.FolderDeployed(logger, files.Count, folder);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
