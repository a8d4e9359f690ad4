using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

[Collection(WebGroup.Name)]
public sealed class AccountTests(WebAppFixture app)
{
    /// <summary>A secretary of the city council in the demo directory; only these tests sign him in.</summary>
    private const string CouncilSecretary = "mohsen.heydari@approvalflow.local";
    [Fact]
    public async Task Six_wrong_passwords_on_the_sign_in_page_make_this_browser_wait_while_the_official_still_signs_in_elsewhere()
    {
        const string official = "ali.tousi@approvalflow.local";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "login-fa");

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            await page.GetByLabel("نشانی رایانامه").FillAsync(official);
            await page.GetByLabel("گذرواژه").FillAsync("Wrong!2345");
            await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("نشانی رایانامه یا گذرواژه درست نیست.");
        }

        await page.GetByLabel("نشانی رایانامه").FillAsync(official);
        await page.GetByLabel("گذرواژه").FillAsync(WebAppFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("دقیقهٔ دیگر دوباره امتحان کنید");
        await Pages.ScreenshotAsync(page, "login-throttled-fa");

        // The official at another desk (another client address behind the proxy) still signs in.
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.23");
        var api = await http.PostAsJsonAsync("/api/auth/login", new { email = official, password = WebAppFixture.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Sign_out_everywhere_after_confirming_ends_this_and_the_other_browsers_sessions()
    {
        const string official = "elnaz.pourmohammad@approvalflow.local";
        await using var other = await app.NewContextAsync();
        var otherPage = await other.NewPageAsync();
        await Pages.SignInAsync(otherPage, official);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, official);

        await page.GetByRole(AriaRole.Link, new() { Name = "تغییر گذرواژه" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "خروج از همهٔ دستگاه‌ها…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "خروج از همهٔ دستگاه‌ها", Level = 1 })).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "sign-out-everywhere-fa");
        await page.GetByRole(AriaRole.Button, new() { Name = "بله، از همهٔ دستگاه‌ها بیرون بروم" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("از همهٔ دستگاه‌ها بیرون رفتید. برای ادامه دوباره وارد شوید.");
        await otherPage.GotoAsync("/");
        await Assertions.Expect(otherPage.GetByLabel("نشانی رایانامه")).ToBeVisibleAsync();
        Assert.Contains("/account/login", otherPage.Url, StringComparison.Ordinal);
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

    [Fact]
    public async Task Remember_me_unticked_keeps_the_session_cookie_to_the_browser_session_and_ticked_for_fourteen_days()
    {
        await using var forgetful = await app.NewContextAsync();
        var page = await forgetful.NewPageAsync();
        await page.GotoAsync("/account/login");
        await Assertions.Expect(page.GetByLabel("مرا در این رایانه به خاطر بسپار")).Not.ToBeCheckedAsync();
        await Pages.SignInAsync(page, CouncilSecretary);
        var session = (await forgetful.CookiesAsync()).Single(c => c.Name == "approvalflow");
        Assert.Equal(-1, session.Expires);

        await using var remembering = await app.NewContextAsync();
        var other = await remembering.NewPageAsync();
        await other.GotoAsync("/account/login");
        await other.GetByLabel("نشانی رایانامه").FillAsync(CouncilSecretary);
        await other.GetByLabel("گذرواژه").FillAsync(WebAppFixture.DemoPassword);
        await other.GetByLabel("مرا در این رایانه به خاطر بسپار").CheckAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "کارتابل", Level = 1 })).ToBeVisibleAsync();
        var persistent = (await remembering.CookiesAsync()).Single(c => c.Name == "approvalflow");
        var lifetime = DateTimeOffset.FromUnixTimeSeconds((long)persistent.Expires) - DateTimeOffset.UtcNow;
        Assert.InRange(lifetime.TotalDays, 13, 14.01);
        Assert.True(persistent.HttpOnly);
    }

    [Fact]
    public async Task Every_form_posted_without_its_antiforgery_token_gets_the_error_page_and_changes_nothing()
    {
        var task = (await SiteTasks.StartAsync(app, "site-antiforgery", "بررسی نامه شورای شهر", "city-council-secretariat")).Single();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, CouncilSecretary);
        var forms = new Dictionary<string, Dictionary<string, object>>
        {
            ["/account/login"] = new() { ["Email"] = CouncilSecretary, ["Password"] = WebAppFixture.DemoPassword },
            ["/account/logout"] = [],
            ["/account/language"] = new() { ["language"] = "en", ["returnUrl"] = "/" },
            ["/account/password"] = new() { ["Current"] = WebAppFixture.DemoPassword, ["New"] = "Other!2345", ["Confirm"] = "Other!2345" },
            ["/account/external"] = [],
            [$"/?handler=Claim&id={task.Id}&tab=group"] = [],
            [$"/tasks/{task.Id}?handler=Claim"] = [],
            [$"/tasks/{task.Id}?handler=Unclaim"] = [],
            [$"/tasks/{task.Id}?handler=Complete"] = new() { ["variables"] = "{}" },
        };

        foreach (var (path, fields) in forms)
        {
            var form = page.APIRequest.CreateFormData();
            foreach (var (name, value) in fields)
            {
                form.Set(name, (string)value);
            }

            var response = await page.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
            var body = await response.TextAsync();
            Assert.True(response.Status == 400, $"POST {path} without a token answered {response.Status}.");
            Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
            Assert.Contains("درخواست انجام نشد", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Antiforgery", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }

        // Still signed in, in Persian, with the old password, and the task untouched.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "کارتابل", Level = 1 })).ToBeVisibleAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var untouched = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
        Assert.Null(untouched.Assignee);
        Assert.Equal(UserTaskStatus.Open, untouched.Status);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/auth/login", new { email = CouncilSecretary, password = WebAppFixture.DemoPassword })).StatusCode);
    }
}
