using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>Keyboard-only use: the skip link, visible focus, and signing in, opening and claiming a task without a mouse.</summary>
[Collection(WebGroup.Name)]
public sealed class KeyboardTests(WebAppFixture app)
{
    /// <summary>A secretary of the strategic and operational commission in the demo directory; only this test signs her in.</summary>
    private const string Secretary = "shima.bahrami@approvalflow.local";

    [Fact]
    public async Task A_secretary_signs_in_opens_a_group_task_from_the_inbox_and_claims_it_with_the_keyboard_alone_seeing_where_the_focus_is()
    {
        var task = (await SiteTasks.StartAsync(app, "site-keyboard", "بررسی صورت‌جلسه کمیسیون", "commission-secretariat")).Single();
        var (userId, _) = await Pages.UserAsync(app, Secretary);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/login");
        await TabToAsync(page, page.GetByLabel("نشانی رایانامه"));
        await page.Keyboard.TypeAsync(Secretary);
        await TabToAsync(page, page.GetByLabel("گذرواژه"));
        await page.Keyboard.TypeAsync(WebAppFixture.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "کارتابل", Level = 1 })).ToBeVisibleAsync();

        // The first Tab reaches the skip link, shown on screen while focused; Enter moves the focus to the main content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "رفتن به محتوای اصلی" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await AssertFocusVisibleAsync(skip);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^کارهای گروه") }));
        await page.Keyboard.PressAsync("Enter");
        var open = page.GetByRole(AriaRole.Link, new() { Name = task.Name!, Exact = true });
        await Assertions.Expect(open).ToBeVisibleAsync();
        await TabToAsync(page, open);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/tasks/{task.Id}");

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "برداشتن کار", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");
        await Pages.ScreenshotAsync(page, "keyboard-claimed-fa");
        await using var scope = app.Services.CreateAsyncScope();
        var claimed = await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
        Assert.Equal(userId, claimed.Assignee);
    }

    /// <summary>Presses Tab (at most 60 times) until <paramref name="target"/> has the focus, and checks that the focus shows.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                await AssertFocusVisibleAsync(target);
                return;
            }
        }

        Assert.Fail($"Tab never reached {target}; the focus ended on {await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'")}.");
    }

    /// <summary>The focused element has a visible focus indicator: an outline of some width, or a box shadow.</summary>
    private static async Task AssertFocusVisibleAsync(ILocator focused)
    {
        var indicator = await focused.EvaluateAsync<string>("""
            element => {
              const style = getComputedStyle(element);
              const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : '';
              return outline || (style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : '');
            }
            """);
        Assert.False(string.IsNullOrEmpty(indicator), $"{focused} has the focus but shows no outline or box shadow.");
    }
}
