using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Designer;

/// <summary>Steps in the designer page (<c>/designer/{key}</c>) as a person takes them.</summary>
internal static class DesignerPage
{
    /// <summary>Opens the designer of <paramref name="key"/> and waits until the modeler has drawn the diagram; fails on console errors later read from <paramref name="errors"/>.</summary>
    public static async Task<ILocator> OpenAsync(IPage page, string key, List<string>? errors = null)
    {
        if (errors is not null)
        {
            page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
            page.PageError += (_, error) => errors.Add(error);
        }

        var response = await page.GotoAsync($"/designer/{Uri.EscapeDataString(key)}");
        Assert.Equal(200, response!.Status);
        var island = page.Locator("[data-island='designer']");
        await Assertions.Expect(island).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("ready|failed"));
        await Assertions.Expect(island).ToHaveAttributeAsync("data-state", "ready");
        return island;
    }

    /// <summary>The drawn shape or connection of BPMN element <paramref name="id"/>.</summary>
    public static ILocator Element(IPage page, string id) => page.Locator($"[data-designer-canvas] .djs-element[data-element-id='{id}']");

    /// <summary>Waits until the autosave has stored the last change.</summary>
    public static Task SavedAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-designer-status]")).ToHaveAttributeAsync("data-state", "saved");
}
