using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// Deploys every <c>*.bpmn</c> file of <see cref="WorkflowsOptions.Directory"/> at start-up, in
/// ordinal file-name order, as <see cref="DefinitionDeployer.SystemUser"/>, after the database
/// migrator. Unchanged files deploy nothing (the log counts new and unchanged versions); an invalid file stops start-up with an
/// <see cref="InvalidWorkflowFileException"/> naming the file, element and line.
/// </summary>
internal sealed class WorkflowFolderDeployer(
    IServiceScopeFactory scopes, IOptions<WorkflowsOptions> options, IHostEnvironment environment, ILogger<WorkflowFolderDeployer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.ResolveDirectory(environment.ContentRootPath);
        if (folder is null)
        {
            var candidates = string.Join(" and ", options.Value.DirectoryCandidates(environment.ContentRootPath));
            DefinitionsLog.NoWorkflowsFolder(logger, candidates);
            return;
        }

        var files = System.IO.Directory.EnumerateFiles(folder, "*.bpmn").Order(StringComparer.Ordinal).ToList();
        var (added, unchanged) = (0, 0);
        foreach (var file in files)
        {
            var xml = await File.ReadAllTextAsync(file, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var deployer = scope.ServiceProvider.GetRequiredService<DefinitionDeployer>();
            switch (await deployer.DeployAsync(xml, DefinitionDeployer.SystemUser, DirectoryCheck.Warn, cancellationToken))
            {
                case DeploymentRejected rejected:
                    throw new InvalidWorkflowFileException(file, rejected);
                case DefinitionsDeployed deployed:
                    added += deployed.Processes.Count(p => p.IsNew);
                    unchanged += deployed.Processes.Count(p => !p.IsNew);
                    break;
            }
        }

        DefinitionsLog.FolderDeployed(logger, files.Count, folder, added, unchanged);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
