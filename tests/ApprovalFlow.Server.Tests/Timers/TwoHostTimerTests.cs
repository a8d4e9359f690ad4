using System.Diagnostics;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ApprovalFlow.Server.Tests.Timers;

/// <summary>
/// Two service hosts on one database, both running a Hangfire server, an outbox dispatcher and a timer
/// poller: the fixture host and a real server process. Both pollers claim the same due rows
/// (<c>FOR UPDATE SKIP LOCKED</c>); every timer is enqueued once and fires exactly once in all. The wait for the
/// firings is bounded generously (a loaded machine only slows it); that no timer fires twice is
/// proven by state (one Hangfire job per timer, enqueued, never scheduled, each succeeded, no timer row or outbox row left),
/// not by sleeping.
/// </summary>
[Collection(ServiceGroup.Name)]
public class TwoHostTimerTests(ServiceFixture service, ITestOutputHelper output)
{
    private const int Instances = 500;
    private readonly TimerSupport _db = new(service);

    [Fact]
    public async Task TwoHostsOnOneDatabase_500ShortTimers_EachFiresExactlyOnce()
    {
        await service.DeployAsync("timers.bpmn");
        var (worker, fixtureClient) = await service.SignInNewAsync("worker", [Roles.Official]);
        await using var other = await ServerProcess.StartAsync(service.Database.ConnectionString);
        using var otherClient = await TimerSupport.SignInAsync(other, worker);
        var clock = Stopwatch.StartNew();

        // Half of the instances are started on each host, so both hosts' pollers are woken by their own timers.
        var ids = new Guid[Instances];
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, Instances).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                ids[i] = await TimerTests.StartAsync(i % 2 == 0 ? fixtureClient : otherClient, "timer-catch", new { worker = worker.Id, wait = "PT2S" });
            }
            finally
            {
                gate.Release();
            }
        }));
        var started = clock.Elapsed;

        await ServiceFixture.EventuallyAsync(
            async () => await _db.QueryAsync(db => db.Tasks.CountAsync(t => ids.Contains(t.InstanceId) && t.NodeId == "wWork")) == Instances,
            $"all {Instances} timers to fire and open their tasks", seconds: 600);
        var allFired = clock.Elapsed;

        // Nothing is left that could fire again: every timer job has finished, and no timer or outbox row remains.
        await ServiceFixture.EventuallyAsync(
            async () => (await _db.TimerJobsAsync(ids)).All(j => j.State is "Succeeded" or "Failed" or "Deleted")
                && await _db.QueryAsync(db => db.Timers.CountAsync(t => ids.Contains(t.InstanceId))) == 0
                && await _db.QueryAsync(db => db.Outbox.CountAsync(o => ids.Contains(o.InstanceId) && o.DispatchedAt == null)) == 0,
            "every timer job to finish");

        var firedPerInstance = await _db.QueryAsync(db => db.History
            .Where(h => ids.Contains(h.InstanceId) && h.Type == HistoryEventType.TimerFired)
            .GroupBy(h => h.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(Instances, firedPerInstance.Count);
        Assert.All(firedPerInstance, f => Assert.Equal(1, f.Value));
        Assert.Equal(Instances, await _db.QueryAsync(db => db.Tasks.CountAsync(t => ids.Contains(t.InstanceId) && t.NodeId == "wWork")));
        Assert.Equal(0, await _db.QueryAsync(db => db.Incidents.CountAsync(i => ids.Contains(i.InstanceId))));
        Assert.Equal(0, await _db.QueryAsync(db => db.Timers.CountAsync(t => ids.Contains(t.InstanceId))));
        Assert.Equal(0, await _db.QueryAsync(db => db.Outbox.CountAsync(o => ids.Contains(o.InstanceId) && o.DispatchedAt == null)));

        // One Hangfire job per timer (no row was enqueued by both pollers), each run once and succeeded.
        var jobs = await _db.TimerJobsAsync(ids);
        Assert.Equal(Instances, jobs.Count);
        Assert.Equal(Instances, jobs.Select(j => j.InstanceId).Distinct().Count());
        Assert.All(jobs, j => Assert.Equal("Succeeded", j.State));

        var servers = jobs.GroupBy(j => j.Server ?? "?").Select(g => $"{g.Key}: {g.Count()}").ToList();
        Assert.True(servers.Count == 2, $"Expected the workers of both hosts to run timer jobs, got {string.Join(", ", servers)}.");
        output.WriteLine($"Started {Instances} instances in {started.TotalSeconds:F1} s; all fired by {allFired.TotalSeconds:F1} s. Jobs run per Hangfire server: {string.Join(", ", servers)}");
    }
}
