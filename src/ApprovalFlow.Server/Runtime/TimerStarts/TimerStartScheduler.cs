using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.TimerStarts;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime.TimerStarts;

/// <summary>
/// Schedules the timer start events (BPMN 2.0.2 §10.5.2) of a version that has just become the latest of its
/// key, inside the deployment's transaction: the key's previous schedule rows are deleted (the old version's
/// pending Hangfire jobs then find no row and do nothing), one <see cref="TimerStartScheduleRecord"/> is written
/// per timer start event of the new version with its first firing, and an outbox row hands that firing to
/// Hangfire (<see cref="TimerStartJob"/>) after commit. A version without timer starts, or not executable,
/// leaves the key without a schedule. Thread-safe singleton; the caller owns the unit of work.
/// </summary>
public sealed class TimerStartScheduler(TimerStartCalculator calculator)
{
    /// <summary>Timer start events whose expression fails or gives invalid text when evaluated now (refused at deploy).</summary>
    /// <param name="document">The parsed, valid file.</param>
    /// <param name="now">The deployment's instant (UTC): the expressions' now.</param>
    /// <returns>One <see cref="DiagnosticCodes.InvalidTimer"/> error per such start event, with its id and line.</returns>
    public IEnumerable<BpmnDiagnostic> DeployErrors(BpmnDocument document, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var process in document.Processes.Where(p => p.IsExecutable))
        {
            foreach (var start in TimerStarts(process))
            {
                if (!calculator.TryPlan(start.Timer!, now, out _, out var error))
                {
                    yield return new BpmnDiagnostic(start.Id, start.Position.Line, start.Position.Column, DiagnosticCodes.InvalidTimer,
                        $"The timer of startEvent '{start.Id}' cannot be scheduled: {error}");
                }
            }
        }
    }

    /// <summary>Replaces the schedule of <paramref name="process"/>'s key with that of version <paramref name="definitionId"/> (not saved).</summary>
    /// <param name="db">The deployment's unit of work, in its transaction.</param>
    /// <param name="definitionId">The new latest version's row id (already saved in the transaction).</param>
    /// <param name="process">Its process.</param>
    /// <param name="now">When it became the latest (UTC).</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns><see langword="true"/> when it added outbox rows (wake the dispatcher after commit).</returns>
    /// <exception cref="InvalidOperationException">A timer cannot be scheduled (<see cref="DeployErrors"/> was not checked).</exception>
    public async Task<bool> ReplaceAsync(ApprovalFlowDbContext db, Guid definitionId, ProcessDefinition process, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(process);
        await db.TimerStartSchedules.Where(s => s.DefinitionKey == process.Id).ExecuteDeleteAsync(cancellationToken);
        var outbox = false;
        foreach (var start in process.IsExecutable ? TimerStarts(process) : [])
        {
            if (!calculator.TryPlan(start.Timer!, now, out var plan, out var error))
            {
                throw new InvalidOperationException($"Timer start event '{start.Id}' of '{process.Id}' cannot be scheduled: {error}");
            }

            var row = new TimerStartScheduleRecord
            {
                Id = Guid.CreateVersion7(now),
                DefinitionId = definitionId,
                DefinitionKey = process.Id,
                StartEventId = start.Id,
                Kind = start.Timer!.Kind,
                Expression = plan!.Text,
                NextDueAt = plan.First is { } first ? Stored(first.DueAt) : null,
                Occurrence = plan.First?.Index ?? 0,
                CreatedAt = now,
            };
            db.TimerStartSchedules.Add(row);
            if (row.NextDueAt is { } due)
            {
                db.Outbox.Add(ScheduleRow(row.Id, due, now));
                outbox = true;
            }
        }

        return outbox;
    }

    /// <summary>The outbox row that schedules the Hangfire job of schedule <paramref name="scheduleId"/>'s firing due at <paramref name="dueAt"/>.</summary>
    internal static OutboxMessage ScheduleRow(Guid scheduleId, DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        InstanceId = Guid.Empty,
        Kind = OutboxKinds.ScheduleTimerStart,
        Payload = JsonSerializer.SerializeToElement(new ScheduleTimerStartPayload(scheduleId, dueAt)),
        CreatedAt = now,
    };

    /// <summary>
    /// <paramref name="dueAt"/> at PostgreSQL's precision (whole microseconds), so the due instant a Hangfire job carries
    /// equals the one the schedule row holds.
    /// </summary>
    internal static DateTimeOffset Stored(DateTimeOffset dueAt) => dueAt.AddTicks(-(dueAt.UtcTicks % 10));

    private static IEnumerable<StartEvent> TimerStarts(ProcessDefinition process) =>
        process.TimerStartEventIds.Select(id => (StartEvent)process.Node(id));
}
