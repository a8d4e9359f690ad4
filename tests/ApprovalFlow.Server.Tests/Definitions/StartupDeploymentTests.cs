using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ApprovalFlow.Server.Tests.Definitions;

[Collection(ServiceGroup.Name)]
public sealed class StartupDeploymentTests(ServiceFixture service) : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("approvalflow-workflows-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task StartUp_DeploysBpmnFilesOfWorkflowsFolderAsSystem()
    {
        var key = BpmnFiles.NewKey("shipped");
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "shipped.bpmn"), BpmnFiles.Approval(key, "Shipped"));
        await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Workflows:Directory", _folder.FullName));
        using var warmUp = factory.CreateClient();

        var (_, client) = await service.SignInNewAsync("sima", [Roles.Official]);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/definitions");
        var shipped = Assert.Single(list.EnumerateArray(), d => d.GetProperty("key").GetString() == key);
        Assert.Equal(1, shipped.GetProperty("latestVersion").GetInt32());
        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}");
        Assert.Equal(DefinitionDeployer.SystemUser, versions[0].GetProperty("deployedBy").GetString());
    }

    [Fact]
    public async Task StartUp_InvalidShippedFile_StopsNamingFileElementAndLine()
    {
        var path = Path.Combine(_folder.FullName, "broken.bpmn");
        await File.WriteAllTextAsync(path, BpmnFiles.Approval(BpmnFiles.NewKey("broken"), assignee: null));
        await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Workflows:Directory", _folder.FullName));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var invalid = Assert.IsType<InvalidWorkflowFileException>(Flatten(exception).First(e => e is InvalidWorkflowFileException));
        Assert.Contains(path, invalid.Message, StringComparison.Ordinal);
        Assert.Contains("element 'Review', line 5", invalid.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
