using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime.TimerStarts;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.TimerStarts;

/// <summary>
/// Timer start events (BPMN 2.0.2 §10.5.2) through the service on PostgreSQL with its real Hangfire server:
/// a due timer start fires and starts exactly one instance at the timer start, a redeploy replaces the schedule
/// (the old version never fires, the new one does; a version without a timer start removes it), the definition
/// API shows the next start, and a timer whose expression fails is refused at deploy with its element and line.
/// No test races the clock: a timer that must fire is due at once (a <c>timeDate</c> in the past, which fires
/// once), one that must not is an hour away; the wait for a firing is a poll of the database, and "no further
/// firing" is proven by the schedule row (no next due time), the firing's unique key and the finished job.
/// </summary>
[Collection(ServiceGroup.Name)]
public class TimerStartTests(ServiceFixture service)
{
    private const string DueAtOnce = "<bpmn:timeDate>2020-01-01T00:00:00Z</bpmn:timeDate>";
    private const string InAnHour = "<bpmn:timeDuration>PT1H</bpmn:timeDuration>";
    private readonly TimerStartSupport _db = new(service);

    [Fact]
    public async Task DueTimerStart_FiresOnce_StartsExactlyOneInstanceAtTheTimerStart_StartedByTimer()
    {
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner], TimerStartSupport.Group);
        var key = TimerStartSupport.NewKey("once");
        var (status, body) = await TimerStartSupport.DeployAsync(client, TimerStartSupport.Process(key, DueAtOnce));
        Assert.Equal(HttpStatusCode.Created, status);
        var definitionId = body.GetProperty("id").GetGuid();

        await ServiceFixture.EventuallyAsync(async () => (await _db.InstancesAsync(key)).Count > 0, "the timer start to start an instance");
        var schedule = Assert.Single(await _db.SchedulesAsync(key));
        await ServiceFixture.EventuallyAsync(async () => (await _db.JobsAsync(schedule.Id)).All(j => j.State is "Succeeded"), "the timer start's Hangfire job to finish");

        var instance = Assert.Single(await _db.InstancesAsync(key));
        Assert.Equal(definitionId, instance.DefinitionId);
        Assert.Equal(["review"], await _db.QueryAsync(db => db.Tasks.Where(t => t.InstanceId == instance.Id).Select(t => t.NodeId).ToListAsync()));
        var started = await _db.QueryAsync(db => db.History.AsNoTracking().SingleAsync(h => h.InstanceId == instance.Id && h.Type == HistoryEventType.InstanceStarted));
        Assert.Equal("start", started.Data!.Value.GetProperty("startEventId").GetString());
        Assert.Equal("timer", started.Data.Value.GetProperty("startedBy").GetString());

        // Nothing can fire again: the schedule has no next due time, the firing is recorded under its key, the job ran once.
        schedule = Assert.Single(await _db.SchedulesAsync(key));
        Assert.Null(schedule.NextDueAt);
        Assert.Equal(1, schedule.FiredCount);
        var firing = Assert.Single(await _db.FiringsAsync(definitionId));
        Assert.Equal((instance.Id, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)), (firing.InstanceId, firing.DueAt));
        Assert.Single(await _db.JobsAsync(schedule.Id));

        // Running the firing's job again (as after a crash) starts nothing.
        await FireAsync(schedule.Id, firing.DueAt);
        Assert.Single(await _db.InstancesAsync(key));
        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}");
        Assert.Equal(JsonValueKind.Null, Assert.Single(versions.EnumerateArray()).GetProperty("nextTimerStartAt").ValueKind);

        // A process started by timers only cannot be started through the API.
        var refused = await client.PostAsJsonAsync("/api/instances", new { definitionKey = key });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("timer start events (start)", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoundedCycle_FiresItsRepetitions_EachOnce_ThenStops()
    {
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner], TimerStartSupport.Group);
        var key = TimerStartSupport.NewKey("cycle");
        // An hour apart, and each firing run here as Hangfire would run it: a firing that runs later than the period
        // skips the missed occurrence (documented), so waiting for real firings would make the test race the clock.
        var (_, body) = await TimerStartSupport.DeployAsync(client, TimerStartSupport.Process(key, "<bpmn:timeCycle>R2/PT1H</bpmn:timeCycle>"));
        var definitionId = body.GetProperty("id").GetGuid();
        var schedule = Assert.Single(await _db.SchedulesAsync(key));
        var first = schedule.NextDueAt!.Value;

        await FireAsync(schedule.Id, first);
        var moved = Assert.Single(await _db.SchedulesAsync(key));
        Assert.Equal((first.AddHours(1), 1, 1), (moved.NextDueAt, moved.Occurrence, moved.FiredCount));
        // The first firing handed the second to Hangfire through the outbox: one scheduled job per occurrence.
        await ServiceFixture.EventuallyAsync(async () => (await _db.JobsAsync(schedule.Id)).Count == 2, "the second firing's Hangfire job");
        Assert.All(await _db.JobsAsync(schedule.Id), j => Assert.Equal("Scheduled", j.State));

        await FireAsync(schedule.Id, first.AddHours(1));
        await FireAsync(schedule.Id, first);
        await FireAsync(schedule.Id, first.AddHours(1));

        var done = Assert.Single(await _db.SchedulesAsync(key));
        Assert.Equal((null, 2), (done.NextDueAt, done.FiredCount));
        var firings = (await _db.FiringsAsync(definitionId)).OrderBy(f => f.DueAt).ToList();
        Assert.Equal([first, first.AddHours(1)], firings.Select(f => f.DueAt));
        var instances = await _db.InstancesAsync(key);
        Assert.Equal(firings.Select(f => f.InstanceId).Order(), instances.Select(i => i.Id).Order());
        Assert.Equal(2, (await _db.JobsAsync(schedule.Id)).Count);
    }

    [Fact]
    public async Task Redeploy_ReplacesTheSchedule_OldVersionNeverFires_NewDoes_VersionWithoutTimerRemovesIt()
    {
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner], TimerStartSupport.Group);
        var key = TimerStartSupport.NewKey("redeploy");
        var before = DateTimeOffset.UtcNow;
        var (_, first) = await TimerStartSupport.DeployAsync(client, TimerStartSupport.Process(key, InAnHour));
        var after = DateTimeOffset.UtcNow;
        var old = Assert.Single(await _db.SchedulesAsync(key));
        Assert.Equal(first.GetProperty("id").GetGuid(), old.DefinitionId);
        Assert.InRange(old.NextDueAt!.Value, before.AddHours(1).AddMilliseconds(-1), after.AddHours(1).AddMilliseconds(1));
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}");
        Assert.Equal(old.NextDueAt.Value, Assert.Single(listed.EnumerateArray()).GetProperty("nextTimerStartAt").GetDateTimeOffset());

        var (status, second) = await TimerStartSupport.DeployAsync(client, TimerStartSupport.Process(key, DueAtOnce, task: "second"));
        Assert.Equal(HttpStatusCode.Created, status);
        var secondId = second.GetProperty("id").GetGuid();
        var replaced = Assert.Single(await _db.SchedulesAsync(key));
        Assert.Equal(secondId, replaced.DefinitionId);

        await ServiceFixture.EventuallyAsync(async () => (await _db.InstancesAsync(key)).Count > 0, "the new version's timer start to fire");
        // The old version's job, run now as if its hour had passed, finds its schedule replaced and starts nothing.
        await FireAsync(old.Id, old.NextDueAt.Value);
        var instance = Assert.Single(await _db.InstancesAsync(key));
        Assert.Equal(secondId, instance.DefinitionId);
        Assert.Empty(await _db.FiringsAsync(old.DefinitionId));

        var (_, third) = await TimerStartSupport.DeployAsync(client, TimerStartSupport.Process(key, null));
        Assert.Empty(await _db.SchedulesAsync(key));
        var versions = (await client.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}")).EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.All(versions, v => Assert.Equal(JsonValueKind.Null, v.GetProperty("nextTimerStartAt").ValueKind));
        Assert.Equal(third.GetProperty("id").GetGuid(), versions[2].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task TimerStartWhoseExpressionFails_IsRefusedAtDeploy_WithElementAndLine()
    {
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner], TimerStartSupport.Group);
        var key = TimerStartSupport.NewKey("bad");

        var (status, body) = await TimerStartSupport.DeployAsync(client, TimerStartSupport.Process(key, "<bpmn:timeDate>${noSuchFunction(2)}</bpmn:timeDate>"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("start", error.GetProperty("elementId").GetString());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        Assert.Equal("invalid-timer", error.GetProperty("code").GetString());
        Assert.Contains("noSuchFunction", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _db.SchedulesAsync(key));
    }

    [Fact]
    public async Task WorkingDaysTimerStart_IsScheduledAtTheEndOfTheOfficeDayOfTheWorkingDay()
    {
        var (_, client) = await service.SignInNewAsync("owner", [Roles.ProcessOwner], TimerStartSupport.Group);
        var key = TimerStartSupport.NewKey("working-days");

        await TimerStartSupport.DeployAsync(client, TimerStartSupport.Process(key, "<bpmn:timeDate>${workingDays(3)}</bpmn:timeDate>"));

        var schedule = Assert.Single(await _db.SchedulesAsync(key));
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var calendar = scope.ServiceProvider.GetRequiredService<Engine.Calendar.WorkingDayCalendar>();
        var due = NodaTime.Instant.FromDateTimeOffset(schedule.NextDueAt!.Value).InZone(calendar.Zone);
        Assert.Equal(calendar.OfficeDayEnd, due.TimeOfDay);
        Assert.True(calendar.IsWorkingDay(due.Date), $"{due.Date} is not a working day");
        Assert.Equal(calendar.AddWorkingDays(schedule.CreatedAt, 3), schedule.NextDueAt.Value);
        Assert.Equal(schedule.NextDueAt.Value.ToString("O"), DateTimeOffset.Parse(schedule.Expression, System.Globalization.CultureInfo.InvariantCulture).ToString("O"));
    }

    private async Task FireAsync(Guid scheduleId, DateTimeOffset dueAt)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TimerStartJob>().FireAsync(scheduleId, dueAt, CancellationToken.None);
    }
}
