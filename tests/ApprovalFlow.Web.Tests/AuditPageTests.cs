using System.Globalization;
using System.Net.Http.Json;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The admins' audit log page (<c>/admin/audit</c>): a calendar closure the demo admin made is listed in Persian with the
/// Jalali date in Persian digits, the admin's name, the closed day (a Jalali date too, not the stored ISO one), the reason
/// and the client's address; filtered by action and actor from the form and by date in the URL. In both languages on a
/// 360 px phone: names instead of ids, dates in the user's calendar, no sideways scroll; and the sign-out-everywhere
/// page likewise. Its own closure days (1412/01/15 to 17), which no other test closes.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class AuditPageTests(WebAppFixture app)
{
    private const string Admin = "admin@approvalflow.local";
    private const string Day = "1412/01/15";
    private const string Reason = "آزمون گزارش کارهای مدیریتی";

    [Fact]
    public async Task An_admins_calendar_closure_is_listed_in_Persian_filtered_by_action_actor_and_date()
    {
        using var api = await SiteTasks.ApiAsync(app, Admin);
        (await api.PostAsJsonAsync("/api/calendar/closures", new { date = Day, reason = Reason })).EnsureSuccessStatusCode();
        var iso = SolarHijriDate.Parse(Day).ToLocalDate().ToString("yyyy-MM-dd", null);
        var jalali = SolarHijriDate.Parse(Day).ToLongPersianString();
        try
        {
            await using var context = await app.NewContextAsync();
            var page = await context.NewPageAsync();
            var consoleErrors = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
            await Pages.SignInAsync(page, Admin);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "پیمایش اصلی" }).GetByRole(AriaRole.Link, new() { Name = "گزارش کارها" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "گزارش کارهای مدیریتی", Level = 1 })).ToBeVisibleAsync();

            await page.GetByLabel("نوع کار").SelectOptionAsync(new SelectOptionValue { Label = "تعطیل کردن روز در تقویم" });
            await page.GetByLabel("انجام‌دهنده").SelectOptionAsync(new SelectOptionValue { Label = "مدیر سامانه" });
            await page.GetByRole(AriaRole.Button, new() { Name = "نمایش" }).ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("action=calendar.close", StringComparison.Ordinal));
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = jalali });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync(jalali);
            await Assertions.Expect(row).Not.ToContainTextAsync(iso);
            await Assertions.Expect(row).ToContainTextAsync("مدیر سامانه");
            await Assertions.Expect(row).ToContainTextAsync("تعطیل کردن روز در تقویم");
            await Assertions.Expect(row).ToContainTextAsync($"دلیل: {Reason}");
            await Assertions.Expect(row.GetByRole(AriaRole.Cell).First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[۰-۹]{1,2} \\S+ [۰-۹]{4}، ساعت [۰-۹]{2}:[۰-۹]{2}$"));
            await Assertions.Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"127\.0\.0\.1|::1"));
            await Pages.AssertTranslatedAsync(page, "fa");
            await Pages.ScreenshotAsync(page, "admin-audit-fa");

            // A date filter in the URL: from tomorrow on, the closure made today is not listed; the form keeps the date.
            var tomorrow = SolarHijriDate.FromLocalDate(NodaTime.LocalDate.FromDateTime(DateTime.UtcNow.AddHours(3.5).AddDays(1))).ToString();
            await page.GotoAsync($"/admin/audit?action=calendar.close&from={Uri.EscapeDataString(tomorrow)}");
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = jalali })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByText("کاری با این صافی‌ها ثبت نشده است.", new() { Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("از تاریخ")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^({tomorrow}|{PersianDigits.ToPersian(tomorrow)})$"));
            await page.GotoAsync("/admin/audit?from=someday");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("تاریخ خوانده نشد");
            Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));

            // Not for process owners.
            await context.ClearCookiesAsync();
            await Pages.SignInAsync(page, "owner@approvalflow.local");
            Assert.Equal(403, (await page.GotoAsync("/admin/audit"))!.Status);
        }
        finally
        {
            await api.DeleteAsync(new Uri($"/api/calendar/closures/{iso}", UriKind.Relative));
        }
    }

    [Theory]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task On_a_360_px_phone_the_audit_log_names_the_task_the_people_and_the_process_and_dates_the_closure_in_the_users_calendar(string language)
    {
        var day = language == "fa" ? "1412/01/16" : "1412/01/17";
        var closed = SolarHijriDate.Parse(day);
        var iso = closed.ToLocalDate().ToString("yyyy-MM-dd", null);
        var shownDay = language == "fa" ? closed.ToLongPersianString() : closed.ToLocalDate().ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var taskName = language == "fa" ? "بررسی گزارش کارها در تلفن" : "Audit log review on a phone";
        var (adminId, _) = await Pages.UserAsync(app, Admin);
        using var api = await SiteTasks.ApiAsync(app, Admin);
        (await api.PostAsJsonAsync("/api/calendar/closures", new { date = day, reason = Reason })).EnsureSuccessStatusCode();
        var task = (await SiteTasks.StartAsync(app, $"audit-phone-{language}-{Guid.NewGuid():N}"[..28], taskName, "deputy-planning-human-capital")).Single();
        (await api.PostAsJsonAsync($"/api/tasks/{task.Id}/assign", new { userId = adminId })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/instances/{task.InstanceId}/cancel", new { reason = Reason })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync(width: 360, height: 780);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Admin);
        if (language == "en")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        }

        try
        {
            await page.GotoAsync($"/admin/audit?actor={Uri.EscapeDataString(adminId)}");
            var closure = page.Locator("tbody tr").Filter(new() { HasText = shownDay });
            await Assertions.Expect(closure).ToHaveCountAsync(1);
            await Assertions.Expect(closure).ToContainTextAsync(language == "fa" ? "تعطیل کردن روز در تقویم" : "Day closed");
            await Assertions.Expect(closure).Not.ToContainTextAsync(iso);

            var assigned = page.Locator("tbody tr").Filter(new() { HasText = language == "fa" ? "واگذاری کار" : "Task assigned" }).Filter(new() { HasText = taskName });
            await Assertions.Expect(assigned).ToHaveCountAsync(1);
            await Assertions.Expect(assigned.GetByRole(AriaRole.Link, new() { Name = taskName })).ToHaveAttributeAsync("href", $"/tasks/{task.Id}");
            await Assertions.Expect(assigned).ToContainTextAsync(language == "fa" ? "به: مدیر سامانه" : "to: مدیر سامانه");
            await Assertions.Expect(assigned).ToContainTextAsync(language == "fa" ? "از: —" : "from: —");
            await Assertions.Expect(assigned).Not.ToContainTextAsync(adminId);

            var cancelled = page.Locator("tbody tr").Filter(new() { HasText = language == "fa" ? "لغو نمونه‌ی فرایند" : "Instance cancelled" }).Filter(new() { HasText = taskName });
            await Assertions.Expect(cancelled.GetByRole(AriaRole.Link, new() { Name = language == "fa" ? $"{taskName}، نسخه‌ی ۱" : $"{taskName}, version 1" }))
                .ToHaveAttributeAsync("href", $"/instances/{task.InstanceId}");
            await Assertions.Expect(cancelled).Not.ToContainTextAsync(task.InstanceId.ToString());

            await Pages.AssertTranslatedAsync(page, language);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The audit page scrolls sideways at 360 px.");
            Assert.True(await page.EvaluateAsync<bool>("[...document.querySelectorAll('table')].every(t => t.scrollWidth <= t.parentElement.clientWidth)"), "The audit table scrolls sideways in its box at 360 px.");
            await Pages.ScreenshotAsync(page, $"admin-audit-{language}-360");

            await page.GotoAsync("/account/sessions");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = language == "fa" ? "خروج از همهٔ دستگاه‌ها" : "Sign out everywhere", Level = 1 })).ToBeVisibleAsync();
            await Pages.AssertTranslatedAsync(page, language);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The sign-out-everywhere page scrolls sideways at 360 px.");
            await Pages.ScreenshotAsync(page, $"sign-out-everywhere-{language}-360");
        }
        finally
        {
            if (language == "en")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
            }

            await api.DeleteAsync(new Uri($"/api/calendar/closures/{iso}", UriKind.Relative));
        }
    }
}
