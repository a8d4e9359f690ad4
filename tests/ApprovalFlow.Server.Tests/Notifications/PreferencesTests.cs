using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ApprovalFlow.Server.Tests.Notifications;

/// <summary>Preferences per user (<c>/api/me/notifications</c>) and the daily digest.</summary>
[Collection(NotificationsGroup.Name)]
public class PreferencesTests(NotificationsFixture service)
{
    [Fact]
    public async Task Preferences_DefaultToEveryKindImmediately_AndAreReplacedByPut_AndCheckedWithAUsefulDetail()
    {
        var (_, client) = await service.SignInNewAsync("official", []);

        var defaults = await client.GetOkAsync("/api/me/notifications");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, defaults.GetProperty("language").ValueKind);
        Assert.All(defaults.GetProperty("kinds").EnumerateObject(), k => Assert.Equal("immediate", k.Value.GetString()));
        Assert.False(defaults.GetProperty("digest").GetBoolean());

        var put = await client.PutAsJsonAsync("/api/me/notifications", new { language = "en", kinds = new Dictionary<string, string> { ["task-offered"] = "none", ["task-reminder"] = "digest" }, digest = true });
        put.EnsureSuccessStatusCode();
        var saved = await client.GetOkAsync("/api/me/notifications");
        Assert.Equal("en", saved.Str("language"));
        Assert.Equal("none", saved.GetProperty("kinds").Str("task-offered"));
        Assert.Equal("digest", saved.GetProperty("kinds").Str("task-reminder"));
        Assert.Equal("immediate", saved.GetProperty("kinds").Str("decision"));
        Assert.True(saved.GetProperty("digest").GetBoolean());

        var page = await client.GetStringAsync(new Uri("/me/notifications", UriKind.Relative));
        Assert.Contains("تنظیمات نامه‌ها", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Delivery[task-offered]\" value=\"none\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Delivery[decision]\" value=\"immediate\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"en\" selected=\"selected\">", page, StringComparison.Ordinal);

        var bad = await client.PutAsJsonAsync("/api/me/notifications", new { language = "de", kinds = new Dictionary<string, string> { ["task-offered"] = "sometimes", ["weather"] = "none" }, digest = false });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var detail = (await bad.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).Str("detail");
        Assert.Contains("language must be fa or en, not 'de'", detail, StringComparison.Ordinal);
        Assert.Contains("kinds.task-offered must be immediate, digest or none, not 'sometimes'", detail, StringComparison.Ordinal);
        Assert.Contains("'weather' is not a kind of mail", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKindTurnedOff_IsRecordedAsSkipped_AndNotMailed_AndTheDailyDigestListsTheOpenTasksOnAWorkingDayOnly()
    {
        var group = $"digest-{Guid.NewGuid():N}";
        var (official, client) = await service.SignInNewAsync("official", [], group);
        (await client.PutAsJsonAsync("/api/me/notifications", new { kinds = new Dictionary<string, string> { ["task-offered"] = "digest" }, digest = true })).EnsureSuccessStatusCode();
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var task = await StartAsync(owner, await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" """));
        var late = await StartAsync(owner, await service.DeployTaskAsync($"""camunda:candidateGroups="{group}" """, workingDaysToDue: -2));

        await ServiceFixture.EventuallyAsync(async () => (await service.NotificationsOfAsync(official.Id)).Count == 2, "the offers to be recorded");
        var offers = await service.NotificationsOfAsync(official.Id);
        Assert.All(offers, offer => Assert.Equal((NotificationStatus.Skipped, (string?)null), (offer.Status, offer.JobId)));
        Assert.All(offers, offer => Assert.Equal($"User '{official.Id}' receives task-offered in the daily digest only.", offer.LastError));

        var calendar = service.Factory.Services.GetRequiredService<WorkingDayCalendar>();
        var dayOff = Day(calendar, working: false);
        await DigestAsync(dayOff);
        Assert.Equal(2, (await service.NotificationsOfAsync(official.Id)).Count);

        var workingDay = Day(calendar, working: true);
        await DigestAsync(workingDay);
        await DigestAsync(workingDay);
        var digest = Assert.Single(await service.NotificationsOfAsync(official.Id), n => n.Kind == NotificationKinds.Digest);
        var mail = Assert.Single(await service.MailsToAsync(official.Email!));
        Assert.Equal(digest.MessageId, mail.MessageId);
        Assert.Equal("کارهای باز شما: ۲ کار", mail.Subject);
        foreach (var body in new[] { mail.HtmlBody!, mail.TextBody! })
        {
            // Overdue first, each task with its link and its Jalali due date; the late one says by how many working days.
            var (lateAt, openAt) = (body.IndexOf($"{NotificationsFixture.BaseUrl}/tasks/{late.Id}", StringComparison.Ordinal), body.IndexOf($"{NotificationsFixture.BaseUrl}/tasks/{task.Id}", StringComparison.Ordinal));
            Assert.True(lateAt >= 0 && openAt > lateAt, $"the overdue task's link before the open one's in: {body}");
            Assert.Contains(Jalali(late.DueAt), body, StringComparison.Ordinal);
            Assert.Contains(Jalali(task.DueAt), body, StringComparison.Ordinal);
            Assert.Matches("[۰-۹]+ روز کاری تأخیر", body);
            Assert.Matches("[۰-۹]+ روز کاری مانده", body);
        }

        // The fixture sets Notifications:DigestHour to 6 (the default is 7): the recurring job follows the setting.
        var recurring = service.Factory.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs().Single(j => j.Id == NotificationDigestJob.RecurringJobId);
        Assert.Equal(("0 6 * * *", "Asia/Tehran"), (recurring.Cron, recurring.TimeZoneId));
    }

    /// <summary>Starts an instance of <paramref name="key"/>; returns its one task's id and due time.</summary>
    private static async Task<(string Id, DateTimeOffset DueAt)> StartAsync(HttpClient owner, string key)
    {
        var instanceId = (await owner.PostOkAsync("/api/instances", new { definitionKey = key }, HttpStatusCode.Created)).Str("id");
        var task = (await owner.GetOkAsync($"/api/tasks?scope=all&instanceId={instanceId}")).Items().Single();
        return (task.Str("id"), task.GetProperty("dueAt").GetDateTimeOffset());
    }

    private static string Jalali(DateTimeOffset at) =>
        SolarHijriDate.FromLocalDate(Instant.FromDateTimeOffset(at).InZone(DateTimeZoneProviders.Tzdb["Asia/Tehran"]).Date).ToLongPersianString();

    /// <summary>08:00 in Tehran of the first day from 1 Dec 2026 on that is (or is not) a working day.</summary>
    private static DateTimeOffset Day(WorkingDayCalendar calendar, bool working)
    {
        var day = new LocalDate(2026, 12, 1);
        while (calendar.IsWorkingDay(day) != working)
        {
            day = day.PlusDays(1);
        }

        return day.At(new LocalTime(8, 0)).InZoneStrictly(calendar.Zone).ToDateTimeOffset();
    }

    /// <summary>Runs the recurring digest job as Hangfire would, at <paramref name="at"/> (a fake clock: the day decides, not the machine's date).</summary>
    private async Task DigestAsync(DateTimeOffset at)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var job = new NotificationDigestJob(
            scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>(), scope.ServiceProvider.GetRequiredService<WorkingDayCalendar>(),
            scope.ServiceProvider.GetRequiredService<OutboxSignal>(), new FakeTimeProvider(at.ToUniversalTime()), NullLogger<NotificationDigestJob>.Instance);
        await job.RunAsync(CancellationToken.None);
    }
}
