using System.Net;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Tests.Timers;

/// <summary>
/// BPMN timers on the fixture host's real Hangfire server (schedule polling 1 s) with short
/// durations: boundary timers interrupting and not, a cycle stopped by completing its task, a
/// timer surviving the death of the process that scheduled it. Fixture: <c>Fixtures/timers.bpmn</c>.
/// </summary>
[Collection(ServiceGroup.Name)]
public class TimerTests(ServiceFixture service)
{
    private readonly TimerSupport _db = new(service);

    [Fact]
    public async Task InterruptingBoundaryTimer_Fires_CancelsTheTask_TokenTakesTheBoundaryPath()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var instanceId = await StartAsync(client, "timer-boundary", new { worker = worker.Id, due = "PT2S" });
        var timer = await _db.ScheduledTimerAsync(instanceId);
        Assert.Equal("late", timer.NodeId);
        Assert.Equal("Scheduled", await _db.HangfireStateAsync(timer.HangfireJobId!));

        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(instanceId, "escalate")).Count == 1, "the boundary timer to fire and open the escalation task", seconds: 15);

        var fired = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Equal("late", fired.NodeId);
        Assert.Equal(timer.TimerId, fired.TaskId);
        Assert.True(fired.At >= timer.DueAt, $"The timer fired at {fired.At:O}, before it was due at {timer.DueAt:O}.");
        var cancelled = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TaskCancelled));
        Assert.Equal("review", cancelled.NodeId);
        Assert.Equal(UserTaskStatus.Cancelled, Assert.Single(await _db.TasksAsync(instanceId, "review")).Status);
        Assert.Empty(await _db.TimersAsync(instanceId));
        await ServiceFixture.EventuallyAsync(async () => await _db.HangfireStateAsync(timer.HangfireJobId!) == "Succeeded", "the timer's Hangfire job to succeed");

        var history = await client.GetOkAsync($"/api/instances/{instanceId}/history");
        Assert.Contains(history.EnumerateArray(), e => e.Str("type") == "timerFired" && e.Str("nodeId") == "late");
        Assert.Contains(history.EnumerateArray(), e => e.Str("type") == "taskCancelled" && e.Str("nodeId") == "review");
        var open = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().ToList();
        Assert.Equal("escalate", Assert.Single(open).Str("nodeId"));

        await client.PostOkAsync($"/api/tasks/{open[0].Str("id")}/complete", new { variables = new { } });
        var done = await client.GetOkAsync($"/api/instances/{instanceId}");
        Assert.Equal("completed", done.Str("status"));
    }

    [Fact]
    public async Task BoundaryTimer_TaskCompletedBeforeDue_NeverFires_AndItsHangfireJobIsDeleted()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var instanceId = await StartAsync(client, "timer-boundary", new { worker = worker.Id, due = "PT2S" });
        var timer = await _db.ScheduledTimerAsync(instanceId);
        var review = Assert.Single(await _db.TasksAsync(instanceId, "review"));

        await client.PostOkAsync($"/api/tasks/{review.Id}/complete", new { variables = new { } });
        Assert.True(DateTimeOffset.UtcNow < timer.DueAt, "The task was completed only after the timer was due; the test machine is too slow for PT2S.");

        Assert.Equal("completed", (await client.GetOkAsync($"/api/instances/{instanceId}")).Str("status"));
        Assert.Empty(await _db.TimersAsync(instanceId));
        await ServiceFixture.EventuallyAsync(async () => await _db.HangfireStateAsync(timer.HangfireJobId!) == "Deleted", "the cancel-timer outbox row to delete the Hangfire job", seconds: 10);

        // Past the due time plus a schedule poll and a queue poll: nothing fires.
        var wait = timer.DueAt + TimeSpan.FromSeconds(2.5) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        Assert.Empty(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Empty(await _db.TasksAsync(instanceId, "escalate"));
        Assert.Equal("Deleted", await _db.HangfireStateAsync(timer.HangfireJobId!));
    }

    [Fact]
    public async Task NonInterruptingCycle_EachFiringSpawnsTheBoundaryPath_TaskStaysOpen_CompletingTheTaskStopsTheCycle()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var stopped = await StartAsync(client, "timer-cycle", new { worker = worker.Id });
        var running = await StartAsync(client, "timer-cycle", new { worker = worker.Id });

        // The first of three firings (R3/PT2S) opens a reminder; the review stays open. Then the review is completed.
        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(stopped, "cReminder")).Count >= 1, "the first reminder of the cycle", seconds: 15);
        var review = Assert.Single(await _db.TasksAsync(stopped, "cReview"));
        Assert.Equal(UserTaskStatus.Open, review.Status);
        var next = await _db.ScheduledTimerAsync(stopped);
        await client.PostOkAsync($"/api/tasks/{review.Id}/complete", new { variables = new { } });
        var completedAt = DateTimeOffset.UtcNow;
        var firedBeforeCompletion = (await _db.HistoryAsync(stopped, HistoryEventType.TimerFired)).Count;
        Assert.InRange(firedBeforeCompletion, 1, 2);
        Assert.Empty(await _db.TimersAsync(stopped));
        await ServiceFixture.EventuallyAsync(async () => await _db.HangfireStateAsync(next.HangfireJobId!) == "Deleted", "the next cycle timer's Hangfire job to be deleted", seconds: 10);

        // The untouched instance fires three times, opening three reminders, and then the cycle ends.
        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(running, "cReminder")).Count == 3, "three reminders of the running cycle", seconds: 20);
        await Task.Delay(TimeSpan.FromSeconds(3)); // past a fourth due time (and the stopped instance's remaining ones)

        var firings = await _db.HistoryAsync(running, HistoryEventType.TimerFired);
        Assert.Equal(3, firings.Count);
        Assert.All(firings, f => Assert.Equal("cRemind", f.NodeId));
        Assert.Equal(3, firings.Select(f => f.TaskId).Distinct().Count());
        for (var i = 1; i < firings.Count; i++)
        {
            Assert.True(firings[i].At - firings[i - 1].At > TimeSpan.FromSeconds(1), $"Firings {i} and {i + 1} were only {firings[i].At - firings[i - 1].At} apart.");
        }

        Assert.Equal(3, (await _db.TasksAsync(running, "cReminder")).Count);
        Assert.Equal(UserTaskStatus.Open, Assert.Single(await _db.TasksAsync(running, "cReview")).Status);
        Assert.Empty(await _db.TimersAsync(running));

        var stoppedFirings = await _db.HistoryAsync(stopped, HistoryEventType.TimerFired);
        Assert.Equal(firedBeforeCompletion, stoppedFirings.Count);
        Assert.All(stoppedFirings, f => Assert.True(f.At < completedAt));
        Assert.Equal(firedBeforeCompletion, (await _db.TasksAsync(stopped, "cReminder")).Count);
        Assert.Equal(UserTaskStatus.Completed, Assert.Single(await _db.TasksAsync(stopped, "cReview")).Status);
    }

    [Fact]
    public async Task TimerScheduledByAKilledProcess_FiresOnceAfterTheRestart()
    {
        await service.DeployAsync("timers.bpmn");
        var worker = await service.CreateUserAsync("worker", [Roles.Official]);
        Guid instanceId;
        TimerRecord timer;
        await using (var first = await ServerProcess.StartAsync(service.Database.ConnectionString))
        {
            using var client = await TimerSupport.SignInAsync(first, worker);
            instanceId = await StartAsync(client, "timer-catch", new { worker = worker.Id, wait = "PT3S" });
            timer = await _db.ScheduledTimerAsync(instanceId);
            Assert.Equal("Scheduled", await _db.HangfireStateAsync(timer.HangfireJobId!));
            await first.KillAsync();
            Assert.True(DateTimeOffset.UtcNow < timer.DueAt, "The first process was killed only after the timer was due; the test machine is too slow for PT3S.");
        }

        await using (var second = await ServerProcess.StartAsync(service.Database.ConnectionString))
        {
            using var client = await TimerSupport.SignInAsync(second, worker);
            await ServiceFixture.EventuallyAsync(
                async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(t => t.Str("nodeId") == "wWork"),
                "the timer scheduled before the kill to fire", seconds: 30);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // a second firing would show up within a poll
        }

        var fired = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.True(fired.At >= timer.DueAt);
        Assert.Single(await _db.TasksAsync(instanceId, "wWork"));
        Assert.Equal("Succeeded", await _db.HangfireStateAsync(timer.HangfireJobId!));
        Assert.Single(await _db.TimerJobsAsync([instanceId]));
    }

    [Fact]
    public async Task TimerNeverFiresBeforeItsDueTime_EvenThoughHangfireKeepsWholeSeconds()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await StartAsync(client, "timer-catch", new { worker = worker.Id, wait = "PT2S" }));
            await Task.Delay(150); // spread the due times over the second
        }

        foreach (var id in ids)
        {
            var timer = await _db.ScheduledTimerAsync(id);
            var score = await _db.ScheduleScoreAsync(timer.HangfireJobId!);
            Assert.NotNull(score);
            Assert.True(score >= timer.DueAt.ToUnixTimeMilliseconds() / 1000.0, $"Hangfire may enqueue the job from {DateTimeOffset.FromUnixTimeSeconds((long)score!.Value):O}, before the timer is due at {timer.DueAt:O}.");
        }

        await ServiceFixture.EventuallyAsync(
            async () => await _db.QueryAsync(db => db.Tasks.CountAsync(t => ids.Contains(t.InstanceId) && t.NodeId == "wWork")) == ids.Count,
            "the five timers to fire", seconds: 15);
        foreach (var id in ids)
        {
            var fired = Assert.Single(await _db.HistoryAsync(id, HistoryEventType.TimerFired));
            var due = Assert.Single(await _db.QueryAsync(db => db.History.AsNoTracking()
                .Where(h => h.InstanceId == id && h.Type == HistoryEventType.NodeEntered && h.NodeId == "wPause").ToListAsync()));
            Assert.True(fired.At - due.At >= TimeSpan.FromSeconds(2), $"The PT2S timer fired {(fired.At - due.At).TotalMilliseconds:F0} ms after it was set.");
        }
    }

    internal static async Task<Guid> StartAsync(HttpClient client, string definitionKey, object variables, string? businessKey = null) =>
        Guid.Parse((await client.PostOkAsync("/api/instances", new { definitionKey, businessKey, variables }, HttpStatusCode.Created)).Str("id"));
}
