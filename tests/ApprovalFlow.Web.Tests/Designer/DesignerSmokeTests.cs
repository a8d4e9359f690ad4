using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Designer;

[Collection(WebGroup.Name)]
public sealed class DesignerSmokeTests(WebAppFixture app)
{
    [Fact]
    public async Task Smoke()
    {
        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        await Pages.SignInAsync(page, "owner@approvalflow.local");
        var island = await DesignerPage.OpenAsync(page, "mid-term-plan", errors);
        await Pages.ScreenshotAsync(page, "designer-smoke");
        await DesignerPage.Element(page, "CommitteeApproval").ClickAsync();
        await Pages.ScreenshotAsync(page, "designer-smoke-selected");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal("0", await page.Locator("[data-designer-canvas]").GetAttributeAsync("data-import-warnings"));
    }
}
