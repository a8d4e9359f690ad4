using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Testing;
using ApprovalFlow.Web.Tests.Designer;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The Content-Security-Policy breaks none of the JavaScript islands: drawing and saving in the designer (bpmn-js),
/// deploying from it, claiming from the inbox (htmx), a task form (form-js), the monitor (bpmn-js viewer) and the Hangfire
/// dashboard run with zero <c>securitypolicyviolation</c> events and no "Refused to" console message. Its own
/// definition keys (<c>csp-test-*</c>); the task is offered to the commission chair (پریسا نوری), whom no other test signs in as.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class SecurityPolicyTests(WebAppFixture app)
{
    private const string Owner = "owner@approvalflow.local";
    private const string Admin = "admin@approvalflow.local";
    private const string Chair = "parisa.nouri@approvalflow.local";
    private const string DesignerKey = "csp-test-designer";
    private const string FormKey = "csp-test-form";
    private const string TaskName = "فهرست ذی‌نفعان برای آزمون سیاست امنیتی";

    [Fact]
    public async Task The_designer_the_inbox_a_task_form_the_monitor_and_Hangfire_run_without_one_policy_violation()
    {
        var violations = new List<string>();
        await using var context = await app.NewContextAsync(1440, 900);
        await context.ExposeFunctionAsync("__reportViolation", (string text) => { lock (violations) { violations.Add(text); } });
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => window.__reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));");
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Text.Contains("Refused to", StringComparison.Ordinal)) { lock (violations) { violations.Add(message.Text); } } };

        // The designer: a task dropped from the palette onto a flow, autosaved, deployed.
        using (var api = await SiteTasks.ApiAsync(app, Owner))
        {
            var xml = DrawnProcess.Xml(DesignerKey, "آزمون سیاست امنیتی", """<bpmn:task id="Check" name="بررسی" />""", "Check");
            (await api.PutAsJsonAsync($"/api/definitions/{DesignerKey}/draft", new { xml, baseVersion = (int?)null })).EnsureSuccessStatusCode();
        }

        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, DesignerKey);
        var flow = await DesignerPage.Element(page, "F2").BoundingBoxAsync();
        var palette = await page.Locator(".djs-palette [data-action='create.task']").BoundingBoxAsync();
        await page.Mouse.MoveAsync(palette!.X + palette.Width / 2, palette.Y + palette.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(flow!.X + flow.Width / 2, flow.Y + flow.Height / 2, new() { Steps = 12 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator(".djs-direct-editing-parent")).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync("تأیید");
        await page.Keyboard.PressAsync("Enter");
        await DesignerPage.SavedAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "انتشار نسخه تازه" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-designer-result]")).ToContainTextAsync("منتشر شد");

        // The monitor of the deployed version (bpmn-js viewer, figures).
        await page.GotoAsync($"/definitions/{DesignerKey}/versions/1/monitor");
        await Assertions.Expect(page.Locator("[data-island='monitor']")).Not.ToHaveAttributeAsync("aria-busy", "true");
        await page.Context.ClearCookiesAsync();

        // The inbox: the chair claims the task through htmx; the task page shows its form-js form.
        await StartFormTaskAsync();
        await Pages.SignInAsync(page, Chair);
        await page.GotoAsync("/?tab=group");
        var row = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = TaskName }) });
        await row.GetByRole(AriaRole.Button, new() { Name = $"برداشتن کار «{TaskName}»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
        await page.GetByRole(AriaRole.Link, new() { Name = "باز کردن کار" }).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("نام شخص یا نهاد")).ToBeVisibleAsync();
        await page.GetByLabel("نام شخص یا نهاد").FillAsync("انجمن آزمون");
        await page.Context.ClearCookiesAsync();

        // The Hangfire dashboard, as an admin, with its own links.
        using (var admin = await SiteTasks.ApiAsync(app, Admin))
        {
            await page.GotoAsync($"/hangfire?access_token={Uri.EscapeDataString(admin.DefaultRequestHeaders.Authorization!.Parameter!)}");
        }

        await Assertions.Expect(page.Locator(".navbar").First).ToBeVisibleAsync();
        foreach (var path in new[] { "/hangfire/jobs/succeeded", "/hangfire/recurring", "/hangfire/servers" })
        {
            Assert.Equal(200, (await page.GotoAsync(path))!.Status);
            await Assertions.Expect(page.Locator(".navbar").First).ToBeVisibleAsync();
        }

        lock (violations)
        {
            Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
        }
    }

    private async Task StartFormTaskAsync()
    {
        var xml = DrawnProcess.Xml(FormKey, "آزمون فرم زیر سیاست امنیتی",
            $"""<bpmn:userTask id="Identify" name="{TaskName}" camunda:candidateGroups="commission-chair" camunda:formKey="identify-stakeholders" />""", "Identify");
        await using var scope = app.Services.CreateAsyncScope();
        Assert.IsType<DefinitionsDeployed>(await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(xml, "owner@approvalflow.local", CancellationToken.None));
        var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync(FormKey, null, CancellationToken.None);
        var variables = new Dictionary<string, JsonElement> { ["theme"] = JsonSerializer.SerializeToElement(new { id = "urban-identity", name = "هویت شهری" }) };
        await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, null, variables, null, CancellationToken.None);
    }
}
