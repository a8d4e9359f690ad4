using System.Net;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime.Jobs;
using ApprovalFlow.Server.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Timers;

/// <summary>
/// BPMN timers on the fixture host's real timer poller, Hangfire server and PostgreSQL: boundary timers
/// interrupting and not, a cycle stopped by completing its task, a cancelled timer that never fires, a
/// timer surviving the death of the process that set it, and of a node that claimed it.
/// Fixture: <c>Fixtures/timers.bpmn</c>.
/// No test races the clock: where a test acts before a timer is due the timer is an hour away, and
/// it is then made due by a start date already past (<c>R3/2020-01-01T00:00:00Z/PT1H</c>) or by
/// <see cref="TimerSupport.MakeDueAsync"/>; short real durations are only waited for (with a generous
/// bound), and "nothing else fires" is proven by state (no Hangfire job, or one that succeeded, no
/// timer row is left), not by sleeping. A due timer's job is enqueued by the poller, never scheduled
/// in Hangfire, so its states are <c>Enqueued, Processing, Succeeded</c>.
/// </summary>
[Collection(ServiceGroup.Name)]
public class TimerTests(ServiceFixture service)
{
    /// <summary>A cycle whose start date is long past: its first firing is due at once, the next ones an hour apart.</summary>
    private const string DueNowThenHourly = "R3/2020-01-01T00:00:00Z/PT1H";

    /// <summary>The states of a timer job the poller enqueued when it was due and a worker ran.</summary>
    private static readonly string[] EnqueuedAndRun = ["Enqueued", "Processing", "Succeeded"];

    private readonly TimerSupport _db = new(service);

    [Fact]
    public async Task InterruptingBoundaryTimer_Fires_CancelsTheTask_TokenTakesTheBoundaryPath()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var instanceId = await StartAsync(client, "timer-boundary", new { worker = worker.Id, due = "PT2S" });
        var timer = await _db.PendingTimerAsync(instanceId);
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
        Assert.Equal(EnqueuedAndRun, await SucceededTimerJobStatesAsync(instanceId));

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
    public async Task BoundaryTimer_TaskCompletedBeforeDue_NeverFires_CancellingIsDeletingItsRow()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var instanceId = await StartAsync(client, "timer-boundary", new { worker = worker.Id, due = "PT1H" });
        var timer = await _db.PendingTimerAsync(instanceId);
        Assert.Null(timer.HangfireJobId);
        var review = Assert.Single(await _db.TasksAsync(instanceId, "review"));

        await client.PostOkAsync($"/api/tasks/{review.Id}/complete", new { variables = new { } });

        // The step deleted the timer row in its own transaction: no Hangfire job was ever made for it, and no
        // outbox row is left to make one.
        Assert.Equal("completed", (await client.GetOkAsync($"/api/instances/{instanceId}")).Str("status"));
        Assert.Empty(await _db.TimersAsync(instanceId));
        Assert.Empty(await _db.TimerJobsAsync([instanceId]));
        Assert.Equal(0, await _db.QueryAsync(db => db.Outbox.CountAsync(o => o.InstanceId == instanceId && o.DispatchedAt == null)));
        Assert.Empty(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Empty(await _db.TasksAsync(instanceId, "escalate"));
    }

    [Fact]
    public async Task CancelledTimer_NeverFires_EvenWhenAJobForItRunsAfterTheCancel()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);
        var instanceId = await StartAsync(client, "timer-boundary", new { worker = worker.Id, due = "PT1H" });
        var timer = await _db.PendingTimerAsync(instanceId);
        await client.PostOkAsync($"/api/tasks/{Assert.Single(await _db.TasksAsync(instanceId, "review")).Id}/complete", new { variables = new { } });
        Assert.Empty(await _db.TimersAsync(instanceId));

        // A poller that claimed the row before the cancel (the cancelling step then waited for its commit), or a
        // node that died after Hangfire took its job, leaves a TimerJob for the cancelled timer: it runs and does nothing.
        var jobs = service.Factory.Services.GetRequiredService<IBackgroundJobClient>();
        var jobId = jobs.Enqueue<TimerJob>(job => job.FireAsync(instanceId, timer.TimerId, CancellationToken.None));
        await ServiceFixture.EventuallyAsync(async () => await _db.HangfireStateAsync(jobId) == "Succeeded", "the stray timer job to run");

        Assert.Empty(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Empty(await _db.TasksAsync(instanceId, "escalate"));
        Assert.Equal("completed", (await client.GetOkAsync($"/api/instances/{instanceId}")).Str("status"));
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
        var next = await _db.PendingTimerAsync(stopped);
        Assert.Equal("cRemind", next.NodeId);
        Assert.NotEqual(first.TaskId, next.TimerId);
        Assert.Equal(startedAt + TimeSpan.FromHours(1), next.DueAt);
        Assert.Null(next.HangfireJobId);
        await client.PostOkAsync($"/api/tasks/{review.Id}/complete", new { variables = new { } });
        Assert.Empty(await _db.TimersAsync(stopped));

        // The untouched instance fires three times, each not before its due time (2, 4, 6 s after the
        // review began), opening three reminders, and then the cycle ends: no timer row is left and
        // each of its three Hangfire jobs (one per firing) has run to success.
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
        Assert.All(await _db.TimerJobsAsync([running]), j => Assert.Equal("Succeeded", j.State));
        Assert.Equal(3, (await _db.TasksAsync(running, "cReminder")).Count);
        Assert.Equal(UserTaskStatus.Open, Assert.Single(await _db.TasksAsync(running, "cReview")).Status);

        Assert.Single(await _db.HistoryAsync(stopped, HistoryEventType.TimerFired));
        Assert.Single(await _db.TasksAsync(stopped, "cReminder"));
        Assert.Equal(UserTaskStatus.Completed, Assert.Single(await _db.TasksAsync(stopped, "cReview")).Status);
        Assert.Single(await _db.TimerJobsAsync([stopped]));
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
            timer = await _db.PendingTimerAsync(instanceId);
            Assert.Null(timer.HangfireJobId);
            await first.KillAsync();
        }

        // The hour passes (see MakeDueAsync) while the process that scheduled the timer is dead.
        var due = await _db.MakeDueAsync(timer);
        await using (var second = await ServerProcess.StartAsync(service.Database.ConnectionString))
        {
            using var client = await TimerSupport.SignInAsync(second, worker);
            await ServiceFixture.EventuallyAsync(
                async () => await _db.TimersAsync(instanceId) is [] or [{ HangfireJobId: not null }],
                "a live node's timer poller to enqueue the timer made due");
            await ServiceFixture.EventuallyAsync(
                async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Any(t => t.Str("nodeId") == "wWork"),
                "the timer set before the kill to fire");

            // Before this process goes: the job may have run on its workers, and the task shows once the step committed, a
            // moment before the worker records Succeeded. Killed in that moment, the job would stay Processing until
            // Hangfire's invisibility timeout (RuntimeModule: 2 minutes) let the fixture host run it again.
            await ServiceFixture.EventuallyAsync(async () => (await _db.TimerJobsAsync([instanceId])) is [{ State: "Succeeded" }], "the timer's one Hangfire job to succeed");
        }

        // Once: the only Hangfire job of the instance ran to success a single time and no timer row is left.
        var fired = Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Equal(timer.TimerId, fired.TaskId);
        Assert.True(fired.At >= due);
        Assert.Single(await _db.TasksAsync(instanceId, "wWork"));
        Assert.Empty(await _db.TimersAsync(instanceId));
        Assert.Equal(EnqueuedAndRun, await SucceededTimerJobStatesAsync(instanceId));
    }

    [Fact]
    public async Task TimerNeverFiresBeforeItsDueTime_AtAnyPointOfASecond()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);

        // Hour-long timers are not handed to Hangfire while they are not due.
        foreach (var id in await StartSpreadAsync(client, worker.Id, "PT1H"))
        {
            Assert.Null((await _db.PendingTimerAsync(id)).HangfireJobId);
            Assert.Empty(await _db.TimerJobsAsync([id]));
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
    public async Task TimersDoNotWaitForHangfiresScheduler_WhenADeadNodeLeftItsLockBehind()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, client) = await service.SignInNewAsync("worker", [Roles.Official]);

        // A node killed while it polled Hangfire's schedule leaves its lock row; this one was taken 20 s ago.
        await _db.LeaveSchedulerLockAsync(TimeSpan.FromSeconds(20));
        var instanceId = await StartAsync(client, "timer-catch", new { worker = worker.Id, wait = "PT2S" });

        // The timer poller enqueues the job itself: it never waits in Hangfire's schedule, whose lock does not matter.
        await ServiceFixture.EventuallyAsync(async () => (await _db.TasksAsync(instanceId, "wWork")).Count == 1, "the timer to fire");
        Assert.Single(await _db.HistoryAsync(instanceId, HistoryEventType.TimerFired));
        Assert.Equal(EnqueuedAndRun, await SucceededTimerJobStatesAsync(instanceId));
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

    /// <summary>Waits until the instance's only timer job has succeeded; returns the states it went through.</summary>
    private async Task<List<string>> SucceededTimerJobStatesAsync(Guid instanceId)
    {
        await ServiceFixture.EventuallyAsync(async () => (await _db.TimerJobsAsync([instanceId])) is [{ State: "Succeeded" }], "the timer's one Hangfire job to succeed");
        var job = Assert.Single(await _db.TimerJobsAsync([instanceId]));
        return await _db.HangfireStatesAsync(job.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static DateTimeOffset Entered(List<HistoryEventRecord> entered, string nodeId) => Assert.Single(entered, e => e.NodeId == nodeId).At;

    internal static async Task<Guid> StartAsync(HttpClient client, string definitionKey, object variables, string? businessKey = null) =>
        Guid.Parse((await client.PostOkAsync("/api/instances", new { definitionKey, businessKey, variables }, HttpStatusCode.Created)).Str("id"));
}
