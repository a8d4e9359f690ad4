using System.Net;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Tests.Timers;

/// <summary>
/// BPMN timers on the fixture host's real Hangfire server and real PostgreSQL: boundary timers
/// interrupting and not, a cycle stopped by completing its task, a timer surviving the death of the
/// process that scheduled it, whole-second Hangfire scores. Fixture: <c>Fixtures/timers.bpmn</c>.
/// No test races the clock: where a test acts before a timer is due the timer is an hour away, and
/// it is then made due by a start date already past (<c>R3/2020-01-01T00:00:00Z/PT1H</c>) or by
/// <see cref="TimerSupport.MakeDueAsync"/>; short real durations are only waited for (with a generous
/// bound), and "nothing else fires" is proven by state (the Hangfire job is deleted or succeeded, no
/// timer row is left), not by sleeping.
/// </summary>
[Collection(ServiceGroup.Name)]
public class TimerTests(ServiceFixture service)
{
    /// <summary>A cycle whose start date is long past: its first firing is due at once, the next ones an hour apart.</summary>
    private const string DueNowThenHourly = "R3/2020-01-01T00:00:00Z/PT1H";

    private readonly TimerSupport _db = new(service);

    [Fact]
    public async Task InterruptingBoundaryTimer_Fires_CancelsTheTask_TokenTakesTheBoundaryPath()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var instanceId = await StartAsync(client, "timer-boundary", new { worker = worker.Id, due = "PT2S" });
        var timer = await _db.ScheduledTimerAsync(instanceId);
        Assert.Equal("late", timer.NodeId);

        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(instanceId, "escalate")).Count == 1, "the boundary timer to fire and open the escalation task");

        var fired = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Equal("late", fired.NodeId);
        Assert.Equal(timer.TimerId, fired.TaskId);
        Assert.True(fired.At >= timer.DueAt, $"The timer fired at {fired.At:O}, before it was due at {timer.DueAt:O}.");
        var cancelled = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TaskCancelled));
        Assert.Equal("review", cancelled.NodeId);
        Assert.Equal(UserTaskStatus.Cancelled, Assert.Single(await _db.TasksAsync(instanceId, "review")).Status);
        Assert.Empty(await _db.TimersAsync(instanceId));
        await ServiceFixture.EventuallyAsync(async () => await _db.HangfireStateAsync(timer.HangfireJobId!) == "Succeeded", "the timer's Hangfire job to succeed");
        Assert.Equal(["Scheduled", "Enqueued", "Processing", "Succeeded"], await _db.HangfireStatesAsync(timer.HangfireJobId!));

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
        var instanceId = await StartAsync(client, "timer-boundary", new { worker = worker.Id, due = "PT1H" });
        var timer = await _db.ScheduledTimerAsync(instanceId);
        Assert.Equal("Scheduled", await _db.HangfireStateAsync(timer.HangfireJobId!));
        var review = Assert.Single(await _db.TasksAsync(instanceId, "review"));

        await client.PostOkAsync($"/api/tasks/{review.Id}/complete", new { variables = new { } });

        Assert.Equal("completed", (await client.GetOkAsync($"/api/instances/{instanceId}")).Str("status"));
        Assert.Empty(await _db.TimersAsync(instanceId));
        await ServiceFixture.EventuallyAsync(async () => await _db.HangfireStateAsync(timer.HangfireJobId!) == "Deleted", "the cancel-timer outbox row to delete the Hangfire job");

        // Nothing can fire: the only job is deleted and out of Hangfire's schedule, and no timer row is left.
        Assert.Equal(["Scheduled", "Deleted"], await _db.HangfireStatesAsync(timer.HangfireJobId!));
        Assert.Null(await _db.ScheduleScoreAsync(timer.HangfireJobId!));
        Assert.Single(await _db.TimerJobsAsync([instanceId]));
        Assert.Empty(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Empty(await _db.TasksAsync(instanceId, "escalate"));
    }

    [Fact]
    public async Task NonInterruptingCycle_EachFiringSpawnsTheBoundaryPath_TaskStaysOpen_CompletingTheTaskStopsTheCycle()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var stopped = await StartAsync(client, "timer-cycle", new { worker = worker.Id, cycle = DueNowThenHourly });
        var running = await StartAsync(client, "timer-cycle", new { worker = worker.Id, cycle = "R3/PT2S" });

        // The first of three firings (start date past) opens a reminder; the review stays open and the
        // next firing is an hour later. Then the review is completed.
        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(stopped, "cReminder")).Count == 1, "the first reminder of the cycle");
        var review = Assert.Single(await _db.TasksAsync(stopped, "cReview"));
        Assert.Equal(UserTaskStatus.Open, review.Status);
        var first = Assert.Single(await _db.HistoryAsync(stopped, HistoryEventType.TimerFired));
        var startedAt = Entered(await _db.HistoryAsync(stopped, HistoryEventType.NodeEntered), "cReview");
        Assert.True(first.At >= startedAt);
        var next = await _db.ScheduledTimerAsync(stopped);
        Assert.Equal("cRemind", next.NodeId);
        Assert.NotEqual(first.TaskId, next.TimerId);
        Assert.Equal(startedAt + TimeSpan.FromHours(1), next.DueAt);
        Assert.Equal("Scheduled", await _db.HangfireStateAsync(next.HangfireJobId!));
        await client.PostOkAsync($"/api/tasks/{review.Id}/complete", new { variables = new { } });
        Assert.Empty(await _db.TimersAsync(stopped));
        await ServiceFixture.EventuallyAsync(async () => await _db.HangfireStateAsync(next.HangfireJobId!) == "Deleted", "the next cycle timer's Hangfire job to be deleted");

        // The untouched instance fires three times, each not before its due time (2, 4, 6 s after the
        // review began), opening three reminders, and then the cycle ends: no timer row is left and
        // each of its three Hangfire jobs has run to success.
        await ServiceFixture.EventuallyAsync(
            async () => (await _db.TasksAsync(running, "cReminder")).Count == 3
                && (await _db.TimersAsync(running)).Count == 0
                && (await _db.TimerJobsAsync([running])).All(j => j.State == "Succeeded"),
            "three reminders of the running cycle and the end of the cycle");

        var firings = await _db.HistoryAsync(running, HistoryEventType.TimerFired);
        Assert.Equal(3, firings.Count);
        Assert.All(firings, f => Assert.Equal("cRemind", f.NodeId));
        Assert.Equal(3, firings.Select(f => f.TaskId).Distinct().Count());
        var runningSince = Entered(await _db.HistoryAsync(running, HistoryEventType.NodeEntered), "cReview");
        for (var i = 0; i < firings.Count; i++)
        {
            var due = runningSince + TimeSpan.FromSeconds(2 * (i + 1));
            Assert.True(firings[i].At >= due, $"Firing {i + 1} came at {firings[i].At:O}, before it was due at {due:O}.");
        }

        Assert.Equal(3, (await _db.TimerJobsAsync([running])).Count);
        Assert.Equal(3, (await _db.TasksAsync(running, "cReminder")).Count);
        Assert.Equal(UserTaskStatus.Open, Assert.Single(await _db.TasksAsync(running, "cReview")).Status);

        Assert.Single(await _db.HistoryAsync(stopped, HistoryEventType.TimerFired));
        Assert.Single(await _db.TasksAsync(stopped, "cReminder"));
        Assert.Equal(UserTaskStatus.Completed, Assert.Single(await _db.TasksAsync(stopped, "cReview")).Status);
        Assert.Equal(["Scheduled", "Deleted"], await _db.HangfireStatesAsync(next.HangfireJobId!));
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
            instanceId = await StartAsync(client, "timer-catch", new { worker = worker.Id, wait = "PT1H" });
            timer = await _db.ScheduledTimerAsync(instanceId);
            Assert.Equal("Scheduled", await _db.HangfireStateAsync(timer.HangfireJobId!));
            await first.KillAsync();
        }

        // The hour passes (see MakeDueAsync) while the process that scheduled the timer is dead.
        var due = await _db.MakeDueAsync(timer);
        await using (var second = await ServerProcess.StartAsync(service.Database.ConnectionString))
        {
            using var client = await TimerSupport.SignInAsync(second, worker);
            await ServiceFixture.EventuallyAsync(
                async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(t => t.Str("nodeId") == "wWork"),
                "the timer scheduled before the kill to fire");
            await ServiceFixture.EventuallyAsync(async () => await _db.HangfireStateAsync(timer.HangfireJobId!) == "Succeeded", "the timer's Hangfire job to succeed");
        }

        // Once: the only Hangfire job of the instance ran to success a single time and no timer row is left.
        var fired = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Equal(timer.TimerId, fired.TaskId);
        Assert.True(fired.At >= due);
        Assert.Single(await _db.TasksAsync(instanceId, "wWork"));
        Assert.Empty(await _db.TimersAsync(instanceId));
        Assert.Equal(["Scheduled", "Enqueued", "Processing", "Succeeded"], await _db.HangfireStatesAsync(timer.HangfireJobId!));
        Assert.Single(await _db.TimerJobsAsync([instanceId]));
    }

    [Fact]
    public async Task TimerNeverFiresBeforeItsDueTime_EvenThoughHangfireKeepsWholeSeconds()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);

        // Hour-long timers stay scheduled while their scores are read: each score (whole seconds) is at
        // or after the due instant, and less than a second after it.
        foreach (var id in await StartSpreadAsync(client, worker.Id, "PT1H"))
        {
            var timer = await _db.ScheduledTimerAsync(id);
            var score = await _db.ScheduleScoreAsync(timer.HangfireJobId!);
            Assert.NotNull(score);
            var dueSeconds = timer.DueAt.ToUnixTimeMilliseconds() / 1000.0;
            Assert.True(score >= dueSeconds, $"Hangfire may enqueue the job from {DateTimeOffset.FromUnixTimeSeconds((long)score!.Value):O}, before the timer is due at {timer.DueAt:O}.");
            Assert.True(score - dueSeconds < 1, $"Hangfire would wait until {DateTimeOffset.FromUnixTimeSeconds((long)score.Value):O} for a timer due at {timer.DueAt:O}.");
        }

        // Two-second timers really fire, none before its due time.
        var ids = await StartSpreadAsync(client, worker.Id, "PT2S");
        await ServiceFixture.EventuallyAsync(
            async () => await _db.QueryAsync(db => db.Tasks.CountAsync(t => ids.Contains(t.InstanceId) && t.NodeId == "wWork")) == ids.Count,
            "the five timers to fire");
        foreach (var id in ids)
        {
            var fired = Assert.Single(await _db.HistoryAsync(id, HistoryEventType.TimerFired));
            var set = Entered(await _db.HistoryAsync(id, HistoryEventType.NodeEntered), "wPause");
            Assert.True(fired.At - set >= TimeSpan.FromSeconds(2), $"The PT2S timer fired {(fired.At - set).TotalMilliseconds:F0} ms after it was set.");
        }
    }

    [Fact]
    public async Task TimersStillFire_WhenADeadNodeLeftHangfiresSchedulerLockBehind()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);

        // A node killed while it polled Hangfire's schedule leaves its lock row; this one was taken 20 s ago.
        var leftAt = await _db.LeaveSchedulerLockAsync(TimeSpan.FromSeconds(20));
        var instanceId = await StartAsync(client, "timer-catch", new { worker = worker.Id, wait = "PT2S" });

        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(instanceId, "wWork")).Count == 1, "the timer to fire once the dead node's lock is taken for stale");
        var fired = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        var staleFrom = leftAt + new RuntimeOptions().StaleLockTimeout;
        Assert.True(fired.At >= staleFrom, $"The timer fired at {fired.At:O}, while the lock left at {leftAt:O} still held Hangfire's scheduler (until {staleFrom:O}): the test did not block it.");
    }

    /// <summary>
    /// Starts five <c>timer-catch</c> instances waiting <paramref name="wait"/>, 150 ms apart so their
    /// due instants fall at different points of a second (a slower machine only spreads them more).
    /// </summary>
    private static async Task<List<Guid>> StartSpreadAsync(HttpClient client, string workerId, string wait)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await StartAsync(client, "timer-catch", new { worker = workerId, wait }));
            await Task.Delay(150);
        }

        return ids;
    }

    private static DateTimeOffset Entered(List<HistoryEventRecord> entered, string nodeId) => Assert.Single(entered, e => e.NodeId == nodeId).At;

    internal static async Task<Guid> StartAsync(HttpClient client, string definitionKey, object variables, string? businessKey = null) =>
        Guid.Parse((await client.PostOkAsync("/api/instances", new { definitionKey, businessKey, variables }, HttpStatusCode.Created)).Str("id"));
}
