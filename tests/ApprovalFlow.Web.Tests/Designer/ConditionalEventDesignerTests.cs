using System.Net.Http.Json;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Designer;

/// <summary>
/// Conditional events in the designer (docs/bpmn-coverage.md): a conditional intermediate catch event opens
/// without lint errors, its properties panel shows the condition with its variable name, and it deploys. Key
/// of its own: <c>designer-test-conditional</c>.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class ConditionalEventDesignerTests(WebAppFixture app)
{
    private const string Owner = "owner@approvalflow.local";

    [Fact]
    public async Task A_conditional_catch_event_opens_without_lint_errors_shows_its_condition_and_deploys()
    {
        const string key = "designer-test-conditional";
        using var api = await SiteTasks.ApiAsync(app, Owner);
        var xml = ApprovalFlow.Testing.DrawnProcess.Xml(key, "آزمون رویداد شرطی", """
            <bpmn:intermediateCatchEvent id="Wait" name="انتظار تأیید">
              <bpmn:conditionalEventDefinition camunda:variableName="approved">
                <bpmn:condition xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="bpmn:tFormalExpression">${approved == true}</bpmn:condition>
              </bpmn:conditionalEventDefinition>
            </bpmn:intermediateCatchEvent>
            """, "Wait", 36, 36);
        (await api.PutAsJsonAsync($"/api/definitions/{key}/draft", new { xml, baseVersion = (int?)null })).EnsureSuccessStatusCode();

        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, key, errors);

        await Assertions.Expect(page.Locator("[data-designer-canvas]")).ToHaveAttributeAsync("data-import-warnings", "0");
        await Assertions.Expect(page.Locator("[data-designer-problems-section]")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "انتشار نسخه تازه" })).ToBeEnabledAsync();
        await DesignerPage.Element(page, "Wait").ClickAsync();
        var group = page.Locator(".bio-properties-panel-group[data-group-id='group-CamundaPlatform__Condition']");
        await Assertions.Expect(group.Locator(".bio-properties-panel-group-header")).ToContainTextAsync("شرط");
        if (!await group.Locator(".bio-properties-panel-group-header.open").IsVisibleAsync())
        {
            await group.Locator(".bio-properties-panel-group-header").ClickAsync();
        }

        await Assertions.Expect(group.Locator("#bio-properties-panel-conditionVariableName")).ToHaveValueAsync("approved");
        await Assertions.Expect(group.GetByText("نام متغیر")).ToBeVisibleAsync();
        await Assertions.Expect(group.Locator("#bio-properties-panel-conditionExpression")).ToHaveValueAsync("${approved == true}");
        await Pages.ScreenshotAsync(page, "designer-conditional-event");

        var deployed = await api.PostAsync(new Uri($"/api/definitions/{key}/draft/deploy", UriKind.Relative), null);
        Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
