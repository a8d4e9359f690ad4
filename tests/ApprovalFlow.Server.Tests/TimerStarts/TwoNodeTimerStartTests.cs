using System.Net;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime.TimerStarts;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Tests.Timers;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ApprovalFlow.Server.Tests.TimerStarts;

/// <summary>
/// Two service nodes on one database, both running a Hangfire server: the fixture host and a real server
/// process. A due timer start fires exactly once in all, even when its firing is delivered many times to both
/// nodes at once (as duplicate deliveries and retries after a crash would): the many runs race, one starts the
/// instance and the others find the firing claimed. Deterministic: the test waits for state (jobs finished), never
/// sleeps, and proves that no further firing can happen by the schedule row (no next due time, one firing
/// counted, its concurrency version raised once) and the firing's unique key.
/// </summary>
[Collection(ServiceGroup.Name)]
public class TwoNodeTimerStartTests(ServiceFixture service, ITestOutputHelper output)
{
    private const int Batch = 10;
    private readonly TimerStartSupport _db = new(service);

    [Fact]
    public async Task TwoNodes_ADueTimerStartDeliveredToBoth_FiresExactlyOnce()
    {
        var (owner, _) = await service.SignInNewAsync("owner", [Roles.ProcessOwner], TimerStartSupport.Group);
        await using var other = await ServerProcess.StartAsync(service.Database.ConnectionString);
        using var otherClient = await TimerSupport.SignInAsync(other, owner);
        var key = TimerStartSupport.NewKey("two-nodes");

        // Deployed on the other node; its own Hangfire job is an hour away, so only the runs below fire it.
        var (status, body) = await TimerStartSupport.DeployAsync(otherClient, TimerStartSupport.Process(key, "<bpmn:timeDuration>PT1H</bpmn:timeDuration>"));
        Assert.Equal(HttpStatusCode.Created, status);
        var definitionId = body.GetProperty("id").GetGuid();
        var schedule = Assert.Single(await _db.SchedulesAsync(key));
        var due = schedule.NextDueAt!.Value;

        // The firing, as if due, is enqueued in batches until both nodes' Hangfire servers have run it.
        var jobs = service.Factory.Services.GetRequiredService<IBackgroundJobClient>();
        var enqueued = new HashSet<long>();
        List<(long JobId, string? State, string? Server)> runs = [];
        for (var batch = 0; batch < 20 && runs.Select(r => r.Server).Distinct().Count() < 2; batch++)
        {
            for (var i = 0; i < Batch; i++)
            {
                enqueued.Add(long.Parse(jobs.Enqueue<TimerStartJob>(job => job.FireAsync(schedule.Id, due, CancellationToken.None)), System.Globalization.CultureInfo.InvariantCulture));
            }

            await ServiceFixture.EventuallyAsync(
                async () => (await _db.JobsAsync(schedule.Id)).Where(j => enqueued.Contains(j.JobId)).All(j => j.State is "Succeeded" or "Failed"),
                "the enqueued runs to finish");
            runs = [.. (await _db.JobsAsync(schedule.Id)).Where(j => enqueued.Contains(j.JobId))];
        }

        var servers = runs.GroupBy(r => r.Server ?? "?").Select(g => $"{g.Key}: {g.Count()}").ToList();
        output.WriteLine($"{runs.Count} runs of one firing: {string.Join(", ", servers)}");
        Assert.True(servers.Count == 2, $"Expected both nodes to run the firing, got {string.Join(", ", servers)}.");
        Assert.All(runs, r => Assert.Equal("Succeeded", r.State));

        var instance = Assert.Single(await _db.InstancesAsync(key));
        var firing = Assert.Single(await _db.FiringsAsync(definitionId));
        Assert.Equal((instance.Id, due), (firing.InstanceId, firing.DueAt));
        schedule = Assert.Single(await _db.SchedulesAsync(key));
        Assert.Null(schedule.NextDueAt);
        Assert.Equal((1, 1), (schedule.FiredCount, schedule.Version));

        // The node's own scheduled job, run now as if its hour had passed, starts nothing either.
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TimerStartJob>().FireAsync(schedule.Id, due, CancellationToken.None);
        }

        Assert.Single(await _db.InstancesAsync(key));
    }
}
