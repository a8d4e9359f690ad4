using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

[Collection(WebGroup.Name)]
public sealed class AccountTests(WebAppFixture app)
{
    [Fact]
    public async Task Five_wrong_passwords_on_the_sign_in_page_lock_the_account_for_the_api_too()
    {
        const string official = "ali.tousi@approvalflow.local";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "login-fa");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GetByLabel("نشانی رایانامه").FillAsync(official);
            await page.GetByLabel("گذرواژه").FillAsync("Wrong!2345");
            await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("قفل شده است");
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var api = await http.PostAsJsonAsync("/api/auth/login", new { email = official, password = WebAppFixture.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains("locked", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_official_changes_her_password_and_signs_in_with_the_new_one_in_the_browser_and_the_api()
    {
        const string official = "zahra.jalali@approvalflow.local";
        const string newPassword = "Nov!2345x";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, official);
        await page.GetByRole(AriaRole.Link, new() { Name = "تغییر گذرواژه" }).ClickAsync();

        await page.GetByLabel("گذرواژه فعلی").FillAsync(WebAppFixture.DemoPassword);
        await page.GetByLabel("گذرواژه تازه", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("تکرار گذرواژه تازه").FillAsync("Other!2345x");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره گذرواژه تازه" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("تکرار گذرواژه با گذرواژه تازه یکی نیست.");
        await Pages.ScreenshotAsync(page, "password-errors-fa");

        await page.GetByLabel("گذرواژه فعلی").FillAsync(WebAppFixture.DemoPassword);
        await page.GetByLabel("گذرواژه تازه", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("تکرار گذرواژه تازه").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره گذرواژه تازه" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("گذرواژه شما تغییر کرد.");
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "کارتابل", Level = 1 })).ToBeVisibleAsync();

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/auth/login", new { email = official, password = WebAppFixture.DemoPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/auth/login", new { email = official, password = newPassword })).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        var response = await http.PostAsync(
            new Uri("/account/login", UriKind.Relative),
            new FormUrlEncodedContent([new("Email", "admin@approvalflow.local"), new("Password", WebAppFixture.DemoPassword)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("approvalflow=", StringComparison.Ordinal)));
    }
}
