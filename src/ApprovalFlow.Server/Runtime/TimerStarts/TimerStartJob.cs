using ApprovalFlow.Engine.TimerStarts;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime.TimerStarts;

/// <summary>
/// The Hangfire job of one firing of a timer start event (BPMN 2.0.2 §10.5.2): starts one instance of the
/// schedule's version at its start event, and in the same transaction moves the schedule row on to the next
/// occurrence (with the outbox row that schedules it), records the firing under its unique key and raises the
/// row's concurrency version. So exactly one run of all the runs of a firing, on any node, starts an instance:
/// the others (a duplicate job, a retry after a node died having committed) find the row moved on, or lose on
/// the row's version or the firing's key, and do nothing. A run that died before committing is retried by
/// Hangfire and fires then. A firing that ran late (every node was down) fires once, and the next occurrence is
/// the first after it (<see cref="TimerStartCalculator"/>). Jobs of a replaced schedule (redeploy) find no row.
/// </summary>
public sealed partial class TimerStartJob(
    ApprovalFlowDbContext db, DefinitionCatalog catalog, InstanceRunner runner, TimerStartCalculator calculator, TimeProvider time, ILogger<TimerStartJob> logger)
{
    /// <summary>Fires schedule <paramref name="scheduleId"/>'s occurrence due at <paramref name="dueAt"/>, unless it was fired or replaced.</summary>
    /// <param name="scheduleId">The <see cref="TimerStartScheduleRecord"/>.</param>
    /// <param name="dueAt">The occurrence's due instant (UTC).</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <exception cref="CalledDefinitionMissingException">A call activity reached at once calls an undeployed process; Hangfire retries.</exception>
    public async Task FireAsync(Guid scheduleId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var schedule = await db.TimerStartSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId, cancellationToken);
        if (schedule is null || schedule.NextDueAt != dueAt)
        {
            LogStale(logger, scheduleId, dueAt);
            return;
        }

        var definition = await catalog.GetAsync(schedule.DefinitionId, cancellationToken);
        var firedAt = time.GetUtcNow();
        var next = calculator.Next(schedule.Kind, schedule.Expression, new TimerStartOccurrence(dueAt, schedule.Occurrence), firedAt) is { } occurrence
            ? occurrence with { DueAt = TimerStartScheduler.Stored(occurrence.DueAt) }
            : null;
        try
        {
            var instance = await runner.StartAsync(definition, null, null, null, schedule.StartEventId, Claim(schedule, dueAt, next), cancellationToken);
            LogFired(logger, definition.Key, definition.Version, schedule.StartEventId, dueAt, instance.Id, next?.DueAt);
        }
        catch (TimerStartFiredException)
        {
            LogStale(logger, scheduleId, dueAt);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || Features.Definitions.DefinitionDeployer.IsUniqueViolation(e))
        {
            // Another run claimed the same firing between this run's read and its commit; this start rolled back.
            LogStale(logger, scheduleId, dueAt);
        }
    }

    /// <summary>Claims the firing in the start's transaction; refuses when the row moved on or is gone.</summary>
    private static ServiceTasks.ServiceTaskWrites Claim(TimerStartScheduleRecord schedule, DateTimeOffset dueAt, TimerStartOccurrence? next) => async (stepDb, now, cancellationToken) =>
    {
        var row = await stepDb.TimerStartSchedules.SingleOrDefaultAsync(s => s.Id == schedule.Id, cancellationToken);
        if (row is null || row.NextDueAt != dueAt)
        {
            throw new TimerStartFiredException(schedule.Id, dueAt);
        }

        // The instance this start adds (a call activity reached at once may add children, which have a parent).
        var instance = stepDb.ChangeTracker.Entries<ProcessInstanceRecord>()
            .Single(e => e.State == EntityState.Added && e.Entity.ParentInstanceId is null).Entity;
        row.NextDueAt = next?.DueAt;
        row.Occurrence = next?.Index ?? row.Occurrence + 1;
        row.FiredCount++;
        row.LastFiredAt = now;
        row.Version++;
        stepDb.TimerStartFirings.Add(new TimerStartFiringRecord { DefinitionId = row.DefinitionId, StartEventId = row.StartEventId, DueAt = dueAt, InstanceId = instance.Id, FiredAt = now });
        if (next is null)
        {
            return false;
        }

        stepDb.Outbox.Add(TimerStartScheduler.ScheduleRow(row.Id, next.DueAt, now));
        return true;
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer start {StartEventId} of {DefinitionKey} version {DefinitionVersion} due at {DueAt} started instance {ProcessInstanceId}; next firing {NextDueAt}")]
    private static partial void LogFired(ILogger logger, string definitionKey, int definitionVersion, string startEventId, DateTimeOffset dueAt, Guid processInstanceId, DateTimeOffset? nextDueAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer start schedule {ScheduleId} firing due at {DueAt} was fired already or replaced; nothing to do")]
    private static partial void LogStale(ILogger logger, Guid scheduleId, DateTimeOffset dueAt);
}
