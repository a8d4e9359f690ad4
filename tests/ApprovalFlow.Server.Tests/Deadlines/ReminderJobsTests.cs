using System.Net;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Deadlines;
using ApprovalFlow.Server.Runtime.Outbox;
using ApprovalFlow.Server.Tests.Support;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Deadlines;

/// <summary>
/// The Hangfire jobs of a task's reminders (on the fixture's real Hangfire storage): kept on the task row,
/// named after the task and process, deleted from the scheduled set when the task closes, and never scheduled for a task
/// that closed before its schedule-reminders row was dispatched.
/// </summary>
[Collection(ServiceGroup.Name)]
public class ReminderJobsTests(ServiceFixture service)
{
    [Fact]
    public async Task CompletingATaskBeforeItsReminders_DeletesItsReminderJobsFromTheScheduledSet_SoItIsNeverReminded()
    {
        var key = await DeployFarDeadlineAsync();
        var group = $"reviewers-{Guid.NewGuid():N}";
        var (_, client) = await service.SignInNewAsync("reviewer", [Roles.ProcessOwner], group);
        var businessKey = $"case-{Guid.NewGuid():N}"[..20];
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key, businessKey, variables = new { group } }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single();
        var jobIds = await ScheduledReminderJobsAsync(Guid.Parse(task.Str("id")), expected: 4);

        var names = jobIds.Select(id => ScheduledJob(id)!.Job).Select(job => $"{job.Args[1]}/{job.Args[2]} {job.Args[4]} ({job.Args[5]})").ToList();
        Assert.Equal([$"1/4 Review ({key}, {businessKey})", $"2/4 Review ({key}, {businessKey})", $"3/4 Review ({key}, {businessKey})", $"4/4 Review ({key}, {businessKey})"], names);
        var (_, adminClient) = await service.SignInNewAsync("admin", [Roles.Admin]);
        var details = await adminClient.GetStringAsync(new Uri($"/hangfire/jobs/details/{jobIds[1]}", UriKind.Relative));
        Assert.Contains(WebUtility.HtmlEncode($"Reminder 2/4 of 'Review' ({key}, {businessKey})"), details, StringComparison.Ordinal);

        await client.PostOkAsync($"/api/tasks/{task.Str("id")}/claim");
        await client.PostOkAsync($"/api/tasks/{task.Str("id")}/complete", new { variables = new { } });

        await ServiceFixture.EventuallyAsync(() => Task.FromResult(jobIds.All(id => StateOf(id) == DeletedState.StateName)), "the completed task's reminder jobs to be deleted");
        Assert.All(jobIds, id => Assert.Null(ScheduledJob(id)));
        var history = await client.GetOkAsync($"/api/instances/{instanceId}/history");
        Assert.DoesNotContain(history.EnumerateArray(), e => e.Str("type") is "taskReminded" or "taskEscalated");
    }

    [Fact]
    public async Task CancellingTheInstance_DeletesTheReminderJobsOfItsOpenTask()
    {
        var key = await DeployFarDeadlineAsync();
        var group = $"reviewers-{Guid.NewGuid():N}";
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner], group);
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { group } }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=group&instanceId={instanceId}")).Items().Single();
        var jobIds = await ScheduledReminderJobsAsync(Guid.Parse(task.Str("id")), expected: 4);

        await client.PostOkAsync($"/api/instances/{instanceId}/cancel");

        await ServiceFixture.EventuallyAsync(() => Task.FromResult(jobIds.All(id => StateOf(id) == DeletedState.StateName)), "the cancelled task's reminder jobs to be deleted");
    }

    [Fact]
    public async Task ATaskClosedBeforeItsRemindersAreDispatched_GetsNoReminderJob()
    {
        var key = await DeployFarDeadlineAsync();
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);

        // Nobody is in the group, so the step that creates the task also withdraws it: its schedule-reminders row
        // is committed with the cancel-reminders row and always dispatched once the task is closed.
        var instanceId = Guid.Parse((await client.PostOkAsync(
            "/api/instances", new { definitionKey = key, variables = new { group = $"nobody-{Guid.NewGuid():N}" } }, HttpStatusCode.Created)).Str("id"));
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var taskId = await db.Tasks.Where(t => t.InstanceId == instanceId && t.Status == UserTaskStatus.Cancelled && t.DueAt != null).Select(t => t.Id).SingleAsync();
        var kinds = await db.Outbox.Where(o => o.InstanceId == instanceId).Select(o => o.Kind).ToListAsync();
        Assert.Contains(OutboxKinds.ScheduleReminders, kinds);
        Assert.Contains(OutboxKinds.CancelReminders, kinds);
        await ServiceFixture.EventuallyAsync(
            async () => !await db.Outbox.AnyAsync(o => o.InstanceId == instanceId && o.DispatchedAt == null), "the instance's outbox rows to be dispatched");

        Assert.Empty(await db.Tasks.Where(t => t.Id == taskId).Select(t => t.ReminderJobIds).SingleAsync());
        var storage = service.Factory.Services.GetRequiredService<JobStorage>();
        Assert.DoesNotContain(taskId, ReminderJobs.DeletedTaskIds(storage));
        Assert.DoesNotContain(ReminderJobs.Scheduled(storage), j => ReminderJobs.TaskIdOf(j.Value) == taskId);
    }

    /// <summary>Waits until the outbox has scheduled the task's reminders; returns their job ids, each in the scheduled set.</summary>
    private async Task<string[]> ScheduledReminderJobsAsync(Guid taskId, int expected)
    {
        string[] jobIds = [];
        await ServiceFixture.EventuallyAsync(async () =>
        {
            await using var scope = service.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            jobIds = await db.Tasks.Where(t => t.Id == taskId).Select(t => t.ReminderJobIds).SingleAsync();
            return jobIds.Length == expected;
        }, "the task's reminder jobs to be scheduled");
        Assert.All(jobIds, id => Assert.Equal(ScheduledState.StateName, StateOf(id)));
        return jobIds;
    }

    private string? StateOf(string jobId)
    {
        using var connection = service.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>The job in Hangfire's scheduled set (the dashboard's "Scheduled" page), or <see langword="null"/>.</summary>
    private Hangfire.Storage.Monitoring.ScheduledJobDto? ScheduledJob(string jobId) =>
        ReminderJobs.Scheduled(service.Factory.Services.GetRequiredService<JobStorage>()).SingleOrDefault(j => j.Key == jobId).Value;

    /// <summary>A task due in ten working days with the default reminders (a day before, at the due time, twice after).</summary>
    private async Task<string> DeployFarDeadlineAsync()
    {
        var key = BpmnFiles.NewKey("far-deadline");
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
                <bpmn:userTask id="review" name="Review" camunda:candidateGroups="${group}" camunda:dueDate="${workingDays(10)}" />
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        return key;
    }
}

/// <summary>Reads Hangfire's scheduled set for <see cref="TaskReminderJob"/> entries.</summary>
internal static class ReminderJobs
{
    /// <summary>
    /// Every scheduled <see cref="TaskReminderJob"/>, by job id, in one query: a count read first and a page of that
    /// size (newest job first) would miss the oldest jobs whenever others are scheduled in between.
    /// </summary>
    public static List<KeyValuePair<string, Hangfire.Storage.Monitoring.ScheduledJobDto>> Scheduled(JobStorage storage) =>
        [.. storage.GetMonitoringApi().ScheduledJobs(0, int.MaxValue).Where(j => j.Value?.Job?.Type == typeof(TaskReminderJob))];

    /// <summary>The tasks of the <see cref="TaskReminderJob"/> entries in Hangfire's deleted set (read in one query, as <see cref="Scheduled"/>).</summary>
    public static HashSet<Guid> DeletedTaskIds(JobStorage storage) =>
        [.. storage.GetMonitoringApi().DeletedJobs(0, int.MaxValue).Where(j => j.Value?.Job?.Type == typeof(TaskReminderJob)).Select(j => (Guid)j.Value.Job.Args[0])];

    /// <summary>The task id a scheduled reminder job is for.</summary>
    public static Guid TaskIdOf(Hangfire.Storage.Monitoring.ScheduledJobDto job) => (Guid)job.Job.Args[0];
}
