using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>Sign-in through the municipality's OpenID Connect provider (<see cref="TestOpenIdProvider"/>), clicked through in the browser.</summary>
[Collection(WebGroup.Name)]
public sealed class SingleSignOnTests(WebAppFixture app)
{
    /// <summary>The supreme council's chair in the demo directory; no other test signs her in.</summary>
    private const string Chair = "javad.nouri@approvalflow.local";

    /// <summary>A planning-office official of the demo directory, disabled (locked out for good) by the test; no other test uses him.</summary>
    private const string Disabled = "amir.sharifi@approvalflow.local";

    [Fact]
    public async Task A_directory_user_signs_in_with_the_municipality_sign_on_into_the_same_session_cookie()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInAtProviderAsync(page, Chair);

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "کارتابل", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync(await DisplayNameAsync(Chair));
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "approvalflow");
        Assert.Equal(-1, cookie.Expires);
        Assert.True(cookie.HttpOnly);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "Identity.External");
        await Pages.AssertTranslatedAsync(page, "fa");
    }

    [Fact]
    public async Task Someone_the_directory_does_not_know_gets_a_page_saying_so_in_her_language_and_no_account()
    {
        var stranger = $"stranger-{Guid.NewGuid():N}@mashhad.example";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        var answer = page.WaitForResponseAsync(response => response.Url.Contains("/account/external", StringComparison.Ordinal) && response.Request.Method == "GET");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {WebAppFixture.SingleSignOnName}" }).ClickAsync();
        await page.GetByLabel(TestOpenIdProvider.LoginLabel).FillAsync(stranger);
        await page.GetByRole(AriaRole.Button, new() { Name = TestOpenIdProvider.ContinueButton }).ClickAsync();

        Assert.Equal(403, (await answer).Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have no account here", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(stranger)).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "en");
        await Pages.ScreenshotAsync(page, "sso-no-account-en");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "approvalflow");
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Users.AnyAsync(u => u.Email == stranger));
    }

    [Fact]
    public async Task A_disabled_user_is_refused_at_the_sign_on_as_at_the_password_sign_in()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(Disabled);
            Assert.True((await users.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue)).Succeeded);
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAtProviderAsync(page, Disabled);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "حساب شما فعال نیست", Level = 1 })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "approvalflow");
        await page.GetByRole(AriaRole.Link, new() { Name = "بازگشت به صفحه ورود" }).ClickAsync();
        await page.GetByLabel("نشانی رایانامه").FillAsync(Disabled);
        await page.GetByLabel("گذرواژه").FillAsync(WebAppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        // The password sign-in answers a disabled account as it answers a wrong password: it tells no one which accounts exist.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("نشانی رایانامه یا گذرواژه درست نیست");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "approvalflow");
    }

    private static async Task SignInAtProviderAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = $"ورود با {WebAppFixture.SingleSignOnName}" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/connect/authorize"));
        await page.GetByLabel(TestOpenIdProvider.LoginLabel).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = TestOpenIdProvider.ContinueButton }).ClickAsync();
    }

    private async Task<string> DisplayNameAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Users.Where(u => u.Email == email).Select(u => u.DisplayName).SingleAsync();
    }
}
