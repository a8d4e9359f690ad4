using System.Net.Http.Json;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The admins' audit log page (<c>/admin/audit</c>): a calendar closure the demo admin made is listed in Persian with the
/// Jalali date in Persian digits, the admin's name, the closed day, the reason and the client's address; filtered by
/// action and actor from the form and by date in the URL. Its own closure day (1412/01/15), which no other test closes.
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
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = iso });
            await Assertions.Expect(row).ToHaveCountAsync(1);
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
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = iso })).ToHaveCountAsync(0);
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
}
