using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Testing;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The admins' page of sent e-mails (<c>/admin/notifications</c>): a mail that failed while the mail server was down,
/// and its resend. The demo admin کاوه پارسا is no other test's, and the recipient is an external address (a
/// stakeholder outside the directory) that no other process mails; the process is a send task of its own key
/// (<c>mail-test-resend</c>).
/// </summary>
[Collection(WebGroup.Name)]
public sealed class AdminNotificationsTests(WebAppFixture app)
{
    private const string Admin = "kaveh.parsa@approvalflow.local";
    private const string Recipient = "resend-test@stakeholders.example";
    private const string Key = "mail-test-resend";

    [Fact]
    public async Task A_mail_that_failed_while_the_mail_server_was_down_is_listed_in_Persian_with_its_error_and_the_admins_resend_delivers_it()
    {
        // The mail server is down while the process mails the stakeholder: every attempt of the retry schedule fails.
        NotificationRecord row;
        await app.Mail.StopAsync();
        try
        {
            var instanceId = await Processes.DeployAndStartAsync(app, Invitation(), Key);
            row = await FailedAfterEveryAttemptAsync(instanceId);
        }
        finally
        {
            await app.Mail.StartAsync();
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Admin);
        await page.GotoAsync("/admin/notifications?status=failed");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fa");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "نامه‌های سامانه" })).ToBeVisibleAsync();
        var failed = page.GetByRole(AriaRole.Region, new() { Name = "نامه‌های ناموفق" });
        var failedRow = failed.GetByRole(AriaRole.Row).Filter(new() { HasText = Recipient });
        await Assertions.Expect(failedRow).ToContainTextAsync("ناموفق");
        await Assertions.Expect(failedRow).ToContainTextAsync("نامهٔ فرایند");
        await Assertions.Expect(failedRow).ToContainTextAsync("۶");
        await Assertions.Expect(failedRow).ToContainTextAsync("SocketException");
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "admin-notifications-failed-fa");

        await failedRow.GetByRole(AriaRole.Button, new() { Name = $"ارسال دوباره به {Recipient}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("نامه دوباره در صف ارسال قرار گرفت.");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "نامه‌های ناموفق" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Recipient })).ToHaveCountAsync(0);

        // Delivered: the mail server holds it, with the row's Message-Id, and the page lists it as sent.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!app.Mail.To(Recipient).Any(m => m.MessageId == row.MessageId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No mail to {Recipient} after two minutes.");
            await Task.Delay(250);
        }

        var mail = Assert.Single(app.Mail.To(Recipient));
        Assert.Equal(row.MessageId, mail.MessageId);
        Assert.Equal("دعوت به جلسهٔ آزمون ارسال دوباره", mail.Subject);
        while (await SentAsync(row.Id) is false)
        {
            Assert.True(DateTime.UtcNow < deadline, "The resent mail was not marked sent after two minutes.");
            await Task.Delay(250);
        }

        await page.GotoAsync("/admin/notifications?status=sent");
        var sentRow = page.GetByRole(AriaRole.Region, new() { Name = "نامه‌های اخیر" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Recipient });
        await Assertions.Expect(sentRow).ToContainTextAsync("فرستاده شد");
    }

    private async Task<bool> SentAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.Notifications.AsNoTracking().AnyAsync(n => n.Id == id && n.Status == NotificationStatus.Sent);
    }

    /// <summary>Waits for the instance's one mail to fail on each attempt, making each scheduled retry due at once, until it is failed.</summary>
    private async Task<NotificationRecord> FailedAfterEveryAttemptAsync(Guid instanceId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var due = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            var row = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.InstanceId == instanceId);
            if (row is { Status: NotificationStatus.Failed })
            {
                Assert.Equal(6, row.Attempts);
                return row;
            }

            // A failed attempt scheduled the next one after the schedule's wait: as if the wait had passed.
            if (row is { Attempts: > 0, JobId: { } jobId } && due.Add(jobId))
            {
                var now = (double)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                await db.Database.ExecuteSqlRawAsync($"UPDATE {RuntimeModule.HangfireSchema}.set SET score = {{0}} WHERE key = 'schedule' AND value = {{1}}", now, jobId);
            }

            Assert.True(DateTime.UtcNow < deadline, $"The mail of instance {instanceId} is {row?.Status} after {row?.Attempts} attempts.");
            await Task.Delay(250);
        }
    }

    private static string Invitation() => InvitationProcess.Xml(Key, $"""
        <camunda:property name="template" value="invitation" />
        <camunda:property name="to" value="{Recipient}" />
        <camunda:property name="session" value="جلسهٔ آزمون ارسال دوباره" />
        """, name: "آزمون ارسال دوباره");
}
