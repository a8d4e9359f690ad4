using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Forms;

/// <summary>
/// Forms are versioned like definitions (issue 11, "Forms"): the shipped files deploy at start once per content,
/// a task keeps the form version it was created with, and a BPMN file's form keys must name deployed forms.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class FormVersionsTests(ServiceFixture service) : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("approvalflow-form-versions-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task StartUp_DeploysTheFormsFolderBeforeTheBpmnFiles_ARestartAddsNoVersion_AChangedFileAddsOne()
    {
        var key = BpmnFiles.NewKey("forms-start");
        var forms = System.IO.Directory.CreateDirectory(Path.Combine(_folder.FullName, "forms"));
        var file = Path.Combine(forms.FullName, key + ".form");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(FormsApiTests.OneField("فرم آغاز", "note", "یادداشت")));
        var process = BpmnFiles.NewKey("uses-form");
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "uses-form.bpmn"), BpmnFiles.FormTask(process, key));
        var (_, client) = await service.SignInNewAsync("sahar", [Roles.Official]);

        await StartHostAsync();
        await StartHostAsync();
        var afterRestart = (await client.GetOkAsync($"/api/forms/{key}")).EnumerateArray().ToList();
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(FormsApiTests.OneField("فرم آغاز", "note", "یادداشت کوتاه")));
        await StartHostAsync();

        var version = Assert.Single(afterRestart);
        Assert.Equal((1, DefinitionDeployer.SystemUser, "فرم آغاز"), (version.GetProperty("version").GetInt32(), version.Str("deployedBy"), version.Str("name")));
        Assert.Equal([1, 2], (await client.GetOkAsync($"/api/forms/{key}")).EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("یادداشت کوتاه", (await client.GetOkAsync($"/api/forms/{key}/versions/2")).GetProperty("components")[0].Str("label"));
        Assert.Single((await client.GetOkAsync($"/api/definitions/{process}")).EnumerateArray());
    }

    [Fact]
    public async Task ATask_ShowsAndIsCheckedWithTheFormVersionItWasCreatedWith_NotALaterOne()
    {
        var (_, owner) = await service.SignInNewAsync("shirin", [Roles.ProcessOwner]);
        var filler = await service.CreateUserAsync("shahla", [Roles.Official]);
        var client = await service.ClientForAsync(filler);
        var formKey = BpmnFiles.NewKey("forms-kept");
        var process = BpmnFiles.NewKey("kept");
        await owner.PostOkAsync("/api/forms", new { key = formKey, schema = FormsApiTests.OneField("نسخه یک", "reason", "دلیل") }, HttpStatusCode.Created);
        var deployed = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(BpmnFiles.FormTask(process, formKey), Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        var before = await StartTaskAsync(client, process, filler.Id);

        await owner.PostOkAsync("/api/forms", new { key = formKey, schema = FormsApiTests.OneField("نسخه دو", "verdict", "رأی") }, HttpStatusCode.Created);
        var after = await StartTaskAsync(client, process, filler.Id);

        Assert.Equal((1, 2), (before.GetProperty("formVersion").GetInt32(), after.GetProperty("formVersion").GetInt32()));
        var forms = service.Factory.Services.GetRequiredService<TaskForms>();
        Assert.Contains("\\u062F\\u0644\\u06CC\\u0644", await forms.SchemaJsonAsync(formKey, 1, CancellationToken.None), StringComparison.Ordinal); // "دلیل", script-safe
        Assert.Contains("verdict", await forms.SchemaJsonAsync(formKey, 2, CancellationToken.None), StringComparison.Ordinal);
        var refusedAfter = await client.PostAsJsonAsync($"/api/tasks/{after.Str("id")}/complete", new { variables = new { reason = "v1 field" } });
        var errors = (await refusedAfter.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["reason", "verdict"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("completed", (await client.PostOkAsync($"/api/tasks/{before.Str("id")}/complete", new { variables = new { reason = "v1 field" } })).Str("status"));
        Assert.Equal("completed", (await client.PostOkAsync($"/api/tasks/{after.Str("id")}/complete", new { variables = new { verdict = "v2 field" } })).Str("status"));
    }

    [Fact]
    public async Task ABpmnFile_WhoseFormKeyNamesNoDeployedForm_Is422NamingElementAndLine_PageKeysNeedNoForm()
    {
        var (_, owner) = await service.SignInNewAsync("sepideh", [Roles.ProcessOwner]);
        var formKey = BpmnFiles.NewKey("forms-later");

        var refused = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(BpmnFiles.FormTask(BpmnFiles.NewKey("early"), formKey), Encoding.UTF8, "application/xml"));
        var page = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(BpmnFiles.FormTask(BpmnFiles.NewKey("page"), "page:sessions"), Encoding.UTF8, "application/xml"));
        await owner.PostOkAsync("/api/forms", new { key = formKey, schema = FormsApiTests.OneField("بعداً", "x", "x") }, HttpStatusCode.Created);
        var accepted = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(BpmnFiles.FormTask(BpmnFiles.NewKey("later"), formKey), Encoding.UTF8, "application/xml"));

        var error = Assert.Single((await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateArray());
        Assert.Equal(("Fill", 5, "unknown-form"), (error.Str("elementId"), error.GetProperty("line").GetInt32(), error.Str("code")));
        Assert.Contains($"'{formKey}'", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, page.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task ABpmnFile_WhosePageKeyNamesNoTaskPage_Is422NamingElementLineAndThePagesThereAre()
    {
        var (_, owner) = await service.SignInNewAsync("sepideh", [Roles.ProcessOwner]);

        var refused = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(BpmnFiles.FormTask(BpmnFiles.NewKey("no-page"), "page:minutes"), Encoding.UTF8, "application/xml"));

        var error = Assert.Single((await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateArray());
        Assert.Equal(("Fill", 5, "unknown-page"), (error.Str("elementId"), error.GetProperty("line").GetInt32(), error.Str("code")));
        Assert.Contains("no task page 'minutes'", error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("page:agreement", error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("page:findings", error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("page:sessions", error.Str("message"), StringComparison.Ordinal);
    }

    /// <summary>Starts (and stops) a host on the fixture's database whose workflows folder is the test's.</summary>
    private async Task StartHostAsync()
    {
        await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Workflows:Directory", _folder.FullName));
        using var warmUp = factory.CreateClient();
        (await warmUp.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    /// <summary>Starts <paramref name="process"/> for <paramref name="fillerId"/> and returns its one task.</summary>
    private static async Task<JsonElement> StartTaskAsync(HttpClient client, string process, string fillerId)
    {
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = process, variables = new { filler = fillerId } }, HttpStatusCode.Created)).Str("id");
        return (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single();
    }
}
