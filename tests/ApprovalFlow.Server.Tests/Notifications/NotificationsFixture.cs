using System.Security.Claims;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Web;
using ApprovalFlow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Notifications;

/// <summary>
/// The service on a database of its own, sending through an in-process SMTP server
/// (<see cref="TestSmtpServer"/>) over one SMTP connection kept for an hour (so a batch's session never depends on
/// timing). Task mails wait a fold window of an hour, so nothing is sent before a
/// test makes a notification's job due (<see cref="MakeDueAsync"/>): no test races the window.
/// </summary>
public sealed class NotificationsFixture : SmtpServiceFixture
{
    /// <summary>The links in mails start with it.</summary>
    public const string BaseUrl = "https://plan.test";

    protected override void ConfigureMail(IWebHostBuilder web) => web
        .UseSetting("Smtp:From", "ApprovalFlow <noreply@plan.test>")
        .UseSetting("Smtp:MaxConnections", "1")
        .UseSetting("Smtp:IdleTimeout", "PT1H")
        .UseSetting("App:BaseUrl", BaseUrl)
        .UseSetting("Notifications:FoldWindow", "PT1H")
        .UseSetting("Notifications:DigestHour", "6");

    /// <summary>Runs a query on a fresh unit of work of the fixture host.</summary>
    public async Task<T> QueryAsync<T>(Func<ApprovalFlowDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>());
    }

    /// <summary>Sets the language <paramref name="user"/> reads mails in (<c>fa</c> or <c>en</c>).</summary>
    public async Task ChooseLanguageAsync(ApplicationUser user, string language)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await users.AddClaimAsync((await users.FindByIdAsync(user.Id))!, new Claim(UserLanguage.ClaimType, language));
    }

    /// <summary>The notifications to <paramref name="userId"/>, oldest first.</summary>
    public Task<List<NotificationRecord>> NotificationsOfAsync(string userId) =>
        QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync());

    /// <summary>Waits until <paramref name="count"/> notifications to <paramref name="userId"/> have their Hangfire job; returns them.</summary>
    public async Task<List<NotificationRecord>> ScheduledAsync(string userId, int count)
    {
        List<NotificationRecord> rows = [];
        await EventuallyAsync(async () =>
        {
            rows = await NotificationsOfAsync(userId);
            return rows.Count == count && rows.All(n => n.JobId is not null);
        }, $"{count} notification(s) to {userId} to be scheduled");
        return rows;
    }

    /// <summary>
    /// Makes the scheduled jobs of <paramref name="jobIds"/> due now: moves their score in Hangfire's
    /// <c>schedule</c> set (whole Unix seconds), which is all Hangfire's real scheduler reads, as if the
    /// fold window or retry wait had passed. Returns how many moved.
    /// </summary>
    public async Task<int> MakeDueAsync(IReadOnlyCollection<string> jobIds)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"UPDATE {RuntimeModule.HangfireSchema}.set SET score = @score WHERE key = 'schedule' AND value = ANY(@ids)", connection);
        command.Parameters.AddWithValue("score", (double)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("ids", jobIds.ToArray());
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The score (whole Unix seconds) of a job in Hangfire's <c>schedule</c> set, or <see langword="null"/>.</summary>
    public async Task<double?> ScheduleScoreAsync(string jobId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT score FROM {RuntimeModule.HangfireSchema}.set WHERE key = 'schedule' AND value = @id", connection);
        command.Parameters.AddWithValue("id", jobId);
        return await command.ExecuteScalarAsync() as double?;
    }

    /// <summary>Waits until the SMTP server holds <paramref name="count"/> messages to <paramref name="address"/>; returns them.</summary>
    public async Task<List<MimeKit.MimeMessage>> MailsToAsync(string address, int count = 1)
    {
        await EventuallyAsync(() => Task.FromResult(Smtp.To(address).Count >= count), $"{count} mail(s) to {address}");
        return Smtp.To(address);
    }

    /// <summary>A BPMN process with one user task <c>review</c> (name "Review"); <paramref name="assignment"/> holds its camunda attributes, <paramref name="workingDaysToDue"/> its due date.</summary>
    public async Task<string> DeployTaskAsync(string assignment, int workingDaysToDue = 10)
    {
        var key = BpmnFiles.NewKey("mail");
        await DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" name="Approval of the plan" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
                <bpmn:userTask id="review" name="Review" {{assignment}} camunda:dueDate="${workingDays({{workingDaysToDue}})}" />
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        return key;
    }

}

[CollectionDefinition(Name)]
public sealed class NotificationsGroup : ICollectionFixture<NotificationsFixture>
{
    public const string Name = "notifications";
}
