using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Testing;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Planning;

/// <summary>
/// The planning pages' tasks of a test's own: a one-task process whose task opens a planning page
/// (<c>camunda:formKey="page:…"</c>), started with a business key of the test's own so it is the root of a plan
/// cycle no other test touches; plan items created through the API; and the steps on the pages every such test takes.
/// </summary>
internal static class PlanPageTasks
{
    /// <summary>The admin, who may create items for any working group through the API.</summary>
    public const string Admin = "admin@approvalflow.local";

    /// <summary>
    /// Deploys process <paramref name="processKey"/> (start → user task <paramref name="nodeId"/> named <paramref name="taskName"/>,
    /// offered to <paramref name="candidateGroup"/>, opening page <paramref name="page"/> → end), starts it with business key
    /// <paramref name="businessKey"/> and <paramref name="variables"/> (besides <c>title</c> and <c>cycle</c>), and returns its
    /// open task and the plan cycle the task belongs to.
    /// </summary>
    public static async Task<(UserTaskRecord Task, PlanCycleRecord Cycle)> StartAsync(
        WebAppFixture app, string processKey, string nodeId, string taskName, string candidateGroup, string page, string businessKey, string title,
        IReadOnlyDictionary<string, object>? variables = null)
    {
        var xml = DrawnProcess.Xml(processKey, taskName, $"""<bpmn:userTask id="{nodeId}" name="{taskName}" camunda:candidateGroups="{candidateGroup}" camunda:formKey="page:{page}" />""", nodeId);
        Guid instanceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.IsType<DefinitionsDeployed>(await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(xml, "owner@approvalflow.local", CancellationToken.None));
            var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync(processKey, null, CancellationToken.None);
            var values = new Dictionary<string, JsonElement>
            {
                ["title"] = JsonSerializer.SerializeToElement(title),
                ["cycle"] = JsonSerializer.SerializeToElement("1405-1408"),
            };
            foreach (var (name, value) in variables ?? new Dictionary<string, object>())
            {
                values[name] = JsonSerializer.SerializeToElement(value);
            }

            instanceId = (await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, businessKey, values, null, CancellationToken.None)).Id;
        }

        var task = await Pages.OpenTaskAsync(app, nodeId, t => t.InstanceId == instanceId);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            return (task, (await scope.ServiceProvider.GetRequiredService<PlanCycles>().ForTaskAsync(task, CancellationToken.None))!);
        }
    }

    /// <summary>Creates a plan item of cycle <paramref name="businessKey"/> through the API as <see cref="Admin"/> and returns its id.</summary>
    public static async Task<Guid> CreateItemAsync(WebAppFixture app, string businessKey, string kind, string title, string theme, string workingGroup, params string[] sources)
    {
        using var api = await SiteTasks.ApiAsync(app, Admin);
        var created = await api.PostAsJsonAsync($"/api/cycles/{businessKey}/items", new { kind, title, theme, workingGroup, sources });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Records through the API, as <see cref="Admin"/>, that the working group agreed on item <paramref name="id"/> by consensus.</summary>
    public static async Task AgreeAsync(WebAppFixture app, string businessKey, Guid id)
    {
        using var api = await SiteTasks.ApiAsync(app, Admin);
        var agreed = await api.PostAsJsonAsync($"/api/cycles/{businessKey}/items/{id}/agreement", new { mode = "consensus" });
        Assert.True(agreed.IsSuccessStatusCode, await agreed.Content.ReadAsStringAsync());
    }

    /// <summary>Item <paramref name="id"/> of cycle <paramref name="businessKey"/> as the API gives it (<c>GET /api/cycles/{businessKey}/items/{id}</c>, as <see cref="Admin"/>).</summary>
    public static async Task<JsonElement> ItemAsync(WebAppFixture app, string businessKey, Guid id)
    {
        using var api = await SiteTasks.ApiAsync(app, Admin);
        return await api.GetFromJsonAsync<JsonElement>($"/api/cycles/{businessKey}/items/{id}");
    }

    /// <summary>Claims <paramref name="task"/> on its task page as the signed-in person does.</summary>
    public static async Task ClaimAsync(IPage page, UserTaskRecord task)
    {
        await page.GotoAsync($"/tasks/{task.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "برداشتن کار", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
    }

    /// <summary>Fails when the page scrolls sideways (its content wider than the window).</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), $"{page.Url} scrolls sideways at {page.ViewportSize?.Width} px.");

    /// <summary>
    /// Opens <paramref name="path"/> at 360 px as <paramref name="email"/> in Persian: no sideways scroll, no untranslated key,
    /// no serious axe violation; saves screenshot <paramref name="screenshot"/>.
    /// </summary>
    public static async Task AssertPhoneAsync(WebAppFixture app, string email, string path, string screenshot)
    {
        await using var phone = await app.NewContextAsync(360, 780);
        var page = await phone.NewPageAsync();
        await Pages.SignInAsync(page, email);
        await page.GotoAsync(path);
        await Pages.AssertTranslatedAsync(page, "fa");
        await AssertNoSidewaysScrollAsync(page);
        await Pages.ScreenshotAsync(page, screenshot);
    }

    /// <summary>
    /// Switches the signed-in person to English, runs <paramref name="check"/> on <paramref name="path"/> (untranslated keys and axe
    /// checked first) and switches back to Persian, also when the check fails.
    /// </summary>
    public static async Task InEnglishAsync(IPage page, string path, Func<Task> check)
    {
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        try
        {
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Pages.AssertTranslatedAsync(page, "en");
            await check();
        }
        finally
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fa");
        }
    }
}
