using System.Text.Json;
using ApprovalFlow.Engine;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// Writes one engine step into the unit of work of a <see cref="ApprovalFlowDbContext"/>: the instance
/// row, inbox rows, history, incidents, timers, message and signal subscriptions, outbox rows and the step's e-mails; call-activity children
/// are started (and cancelled) in the same unit of work. The caller saves once: one transaction.
/// Not thread-safe; one per unit of work.
/// </summary>
/// <param name="db">The unit of work.</param>
/// <param name="engine">Steps call-activity children.</param>
/// <param name="catalog">The deployed definitions.</param>
/// <param name="topics">Tells external service tasks from in-process ones.</param>
/// <param name="now">The step's "now" (UTC).</param>
/// <param name="people">The unit of work's directory users (with the cache of its directory stamp), or <see langword="null"/> to read them all.</param>
internal sealed partial class StepWriter(
    ApprovalFlowDbContext db, ProcessEngine engine, DefinitionCatalog catalog, Features.ExternalTasks.ExternalTaskTopics topics, DateTimeOffset now,
    Features.Notifications.MailPeople? people = null)
{
    private readonly TaskFacts _facts = new(db, catalog);
    private readonly Features.Notifications.MailPeople _people = people ?? new(db);

    /// <summary>
    /// An inbox row of the instance the caller read already (untracked, used by this unit of work only), or
    /// <see langword="null"/>: when the step closes its task, it is attached instead of read again.
    /// </summary>
    public UserTaskRecord? KnownTask { get; init; }

    /// <summary><see langword="true"/> once a written step added outbox rows (the dispatcher then needs waking).</summary>
    public bool WroteOutbox { get; private set; }

    /// <summary>Adds a new instance row for a started instance and writes its first step.</summary>
    public async Task<ProcessInstanceRecord> AddInstanceAsync(DeployedDefinition definition, StepResult.Applied started, ProcessInstanceRecord? parent, string? startedBy, CancellationToken cancellationToken)
    {
        started = await WithdrawUnseenTasksAsync(definition, started, cancellationToken);
        started = await RefuseUnstartableChildrenAsync(definition, started, cancellationToken);
        var id = Guid.Parse(started.State.InstanceId);
        var record = new ProcessInstanceRecord
        {
            Id = id,
            DefinitionId = definition.Id,
            DefinitionKey = definition.Key,
            DefinitionVersion = definition.Version,
            BusinessKey = started.State.BusinessKey,
            State = started.State,
            Status = started.State.Status,
            ParentInstanceId = parent?.Id,
            ParentExecutionId = started.State.ParentExecutionId,
            RootInstanceId = parent?.RootInstanceId ?? id,
            StartedBy = startedBy,
            StartedAt = now,
            EndedAt = started.State.Status == InstanceStatus.Active ? null : now,
        };
        db.Instances.Add(record);
        await WriteAsync(record, definition, started, cancellationToken);
        return record;
    }

    /// <summary>Writes a step of an existing, tracked instance row (its version is the concurrency token).</summary>
    public async Task ApplyAsync(ProcessInstanceRecord record, DeployedDefinition definition, StepResult.Applied step, CancellationToken cancellationToken)
    {
        step = await WithdrawUnseenTasksAsync(definition, step, cancellationToken);
        step = await RefuseUnstartableChildrenAsync(definition, step, cancellationToken);
        record.State = step.State;
        record.Status = step.State.Status;
        record.Version++;
        if (step.State.Status != InstanceStatus.Active)
        {
            record.EndedAt = now;
        }

        await WriteAsync(record, definition, step, cancellationToken);
    }

    /// <summary>
    /// A task that nobody could see (<see cref="TaskAudience"/>) would be stranded: the engine withdraws it
    /// and raises a <see cref="IncidentKind.NoCandidates"/> incident on its token, in the same step, so
    /// the task row is written as created and cancelled and the incident can be retried once the
    /// directory is fixed.
    /// </summary>
    private async Task<StepResult.Applied> WithdrawUnseenTasksAsync(DeployedDefinition definition, StepResult.Applied step, CancellationToken cancellationToken)
    {
        foreach (var (task, reason) in await new TaskAudience(db, _people).UnseenAsync(step, cancellationToken))
        {
            if (engine.Execute(definition.Process, step.State, new WithdrawUserTask(task.Id, reason)) is StepResult.Applied withdrawn)
            {
                step = new StepResult.Applied(withdrawn.State, [.. step.Intents, .. withdrawn.Intents], [.. step.History, .. withdrawn.History]);
            }
        }

        return step;
    }

    private async Task WriteAsync(ProcessInstanceRecord record, DeployedDefinition definition, StepResult.Applied step, CancellationToken cancellationToken)
    {
        var taskRows = await LoadTaskRowsAsync(record.Id, step, cancellationToken);
        var timerRows = await LoadTimerRowsAsync(record.Id, step, cancellationToken);
        foreach (var intent in step.Intents)
        {
            await WriteIntentAsync(record, definition, intent, taskRows, timerRows, cancellationToken);
        }

        foreach (var history in step.History)
        {
            WriteHistory(record, history, taskRows, timerRows);
        }

        var mails = new Features.Notifications.NotificationWriter(db, now, _people);
        await mails.StepAsync(record, definition.Name ?? definition.Key, step, taskRows, cancellationToken);
        WroteOutbox |= mails.Queued > 0;
    }

    private async Task WriteIntentAsync(
        ProcessInstanceRecord record,
        DeployedDefinition definition,
        EngineIntent intent,
        Dictionary<string, UserTaskRecord> taskRows,
        Dictionary<string, TimerRecord> timerRows,
        CancellationToken cancellationToken)
    {
        switch (intent)
        {
            case CreateUserTaskIntent create:
                var row = NewTaskRow(record, create.Task);
                await _facts.FillAsync(row, record, definition, create.Task, cancellationToken);
                taskRows[create.Task.Id] = row;
                db.Tasks.Add(row);
                if (row.DueAt is { } dueAt)
                {
                    AddOutbox(record.Id, OutboxKinds.ScheduleReminders, new ScheduleRemindersPayload(
                        row.Id, dueAt, create.Task.Properties.GetValueOrDefault("reminders"), create.Task.Properties.GetValueOrDefault("escalationGroup"),
                        row.Name ?? row.NodeId, record.BusinessKey is null ? record.DefinitionKey : $"{record.DefinitionKey}, {record.BusinessKey}"));
                }

                break;
            case CancelUserTaskIntent cancel when taskRows.TryGetValue(cancel.TaskId, out var cancelled):
                Close(record, cancelled, UserTaskStatus.Cancelled);
                break;
            case ScheduleTimerIntent schedule:
                var timer = new TimerRecord { InstanceId = record.Id, TimerId = schedule.TimerId, NodeId = schedule.NodeId, DueAt = schedule.DueAt };
                timerRows[schedule.TimerId] = timer;
                db.Timers.Add(timer);
                break;
            case CancelTimerIntent cancelTimer when timerRows.Remove(cancelTimer.TimerId, out var pending):
                db.Timers.Remove(pending);
                break;
            case SubscribeMessageIntent subscribe:
                db.Subscriptions.Add(new MessageSubscriptionRecord
                {
                    InstanceId = record.Id, SubscriptionId = subscribe.SubscriptionId, MessageName = subscribe.MessageName, BusinessKey = record.BusinessKey, CreatedAt = now,
                });
                break;
            case UnsubscribeMessageIntent unsubscribe:
                await db.Subscriptions.Where(s => s.InstanceId == record.Id && s.SubscriptionId == unsubscribe.SubscriptionId).LoadAsync(cancellationToken);
                if (db.Subscriptions.Local.FirstOrDefault(s => s.InstanceId == record.Id && s.SubscriptionId == unsubscribe.SubscriptionId) is { } subscription)
                {
                    db.Subscriptions.Remove(subscription);
                }

                break;
            case SubscribeSignalIntent subscribeSignal:
                db.SignalSubscriptions.Add(new SignalSubscriptionRecord
                {
                    InstanceId = record.Id, SubscriptionId = subscribeSignal.SubscriptionId, SignalName = subscribeSignal.SignalName, NodeId = subscribeSignal.NodeId, CreatedAt = now,
                });
                break;
            case UnsubscribeSignalIntent unsubscribeSignal:
                await RemoveSignalSubscriptionAsync(record.Id, unsubscribeSignal.SubscriptionId, cancellationToken);
                break;
            case ThrowSignalIntent thrown:
                AddOutbox(record.Id, OutboxKinds.BroadcastSignal, new BroadcastSignalPayload(
                    Guid.CreateVersion7(now), thrown.SignalName, JsonSerializer.SerializeToElement(thrown.Variables), record.Id));
                break;
            case PropagateEscalationIntent escalation:
                AddOutbox(record.Id, OutboxKinds.PropagateEscalation, new PropagateEscalationPayload(
                    Guid.Parse(escalation.ParentInstanceId), escalation.ParentExecutionId, record.Id, escalation.EscalationCode, escalation.Origin));
                break;
            case RunServiceTaskIntent external when topics.IsExternal(external.Topic):
                await Features.ExternalTasks.ExternalTaskOffers.OfferAsync(db, record, external, now, cancellationToken);
                break;
            case CancelServiceTaskIntent cancelJob when topics.IsExternal(cancelJob.Topic):
                await Features.ExternalTasks.ExternalTaskOffers.WithdrawAsync(db, record.Id, cancelJob.JobId, cancellationToken);
                break;
            case RunServiceTaskIntent run:
                AddOutbox(record.Id, OutboxKinds.RunServiceTask, new RunServiceTaskPayload(record.Id, run.JobId, run.Topic, run.NotBefore));
                break;
            case StartChildInstanceIntent start:
                await StartChildAsync(record, definition, start, cancellationToken);
                break;
            case CancelChildInstanceIntent cancelChild:
                await CancelChildAsync(record, cancelChild.ExecutionId, cancellationToken);
                break;
            case NotifyParentIntent notify:
                AddOutbox(record.Id, OutboxKinds.NotifyParent, new NotifyParentPayload(Guid.Parse(notify.ParentInstanceId), notify.ParentExecutionId, record.Id));
                break;
            case PropagateErrorIntent propagate:
                AddOutbox(record.Id, OutboxKinds.PropagateError, new PropagateErrorPayload(
                    Guid.Parse(propagate.ParentInstanceId), propagate.ParentExecutionId, record.Id, propagate.ErrorCode, propagate.Origin, propagate.ErrorMessage));
                break;
            case RaiseIncidentIntent raise:
                db.Incidents.Add(new IncidentRecord
                {
                    Id = Guid.CreateVersion7(now), InstanceId = record.Id, EngineIncidentId = raise.Incident.Id, NodeId = raise.Incident.NodeId,
                    Kind = raise.Incident.Kind, Message = raise.Incident.Message, CreatedAt = now,
                });
                break;
            case ResolveIncidentIntent resolve:
                var incident = await db.Incidents.SingleOrDefaultAsync(i => i.InstanceId == record.Id && i.EngineIncidentId == resolve.IncidentId, cancellationToken)
                    ?? db.Incidents.Local.SingleOrDefault(i => i.InstanceId == record.Id && i.EngineIncidentId == resolve.IncidentId);
                if (incident is not null)
                {
                    incident.ResolvedAt = now;
                }

                break;
        }
    }

    private void WriteHistory(ProcessInstanceRecord record, HistoryEvent history, Dictionary<string, UserTaskRecord> taskRows, Dictionary<string, TimerRecord> timerRows)
    {
        var taskId = history.TaskId;
        if (history.Type is HistoryEventType.TaskCreated or HistoryEventType.TaskCompleted or HistoryEventType.TaskCancelled
            && taskId is not null && taskRows.TryGetValue(taskId, out var row))
        {
            taskId = row.Id.ToString();
            if (history.Type == HistoryEventType.TaskCompleted)
            {
                Close(record, row, UserTaskStatus.Completed);
                row.CompletedBy = history.Actor;
            }
        }

        if (history.Type == HistoryEventType.TimerFired && history.TaskId is { } timerId && timerRows.Remove(timerId, out var fired))
        {
            db.Timers.Remove(fired);
        }

        db.History.Add(new HistoryEventRecord
        {
            InstanceId = record.Id,
            At = history.At,
            Type = history.Type,
            NodeId = history.NodeId,
            ExecutionId = history.ExecutionId,
            TaskId = taskId,
            Actor = history.Actor,
            Data = history.Data is null ? null : JsonSerializer.SerializeToElement(history.Data),
        });
    }

    /// <summary>Ends an inbox row; a task with a due date also gets its reminder jobs deleted (through the outbox).</summary>
    private void Close(ProcessInstanceRecord record, UserTaskRecord row, UserTaskStatus status)
    {
        row.Status = status;
        row.EndedAt = now;
        if (row.DueAt is not null)
        {
            AddOutbox(record.Id, OutboxKinds.CancelReminders, new CancelRemindersPayload(row.Id));
        }
    }

    private UserTaskRecord NewTaskRow(ProcessInstanceRecord record, OpenUserTask task) => new()
    {
        Id = Guid.CreateVersion7(now),
        InstanceId = record.Id,
        RootInstanceId = record.RootInstanceId,
        EngineTaskId = task.Id,
        NodeId = task.NodeId,
        Name = task.Name,
        Assignee = task.Assignee,
        CandidateGroups = [.. task.CandidateGroups],
        CandidateUsers = [.. task.CandidateUsers],
        DueAt = task.DueAt,
        FollowUpAt = task.FollowUpAt,
        Priority = task.Priority,
        FormKey = task.FormKey,
        Item = task.Item,
        CreatedAt = task.CreatedAt,
        Status = UserTaskStatus.Open,
    };

    /// <summary>Loads the inbox rows this step completes or cancels, by engine task id.</summary>
    private async Task<Dictionary<string, UserTaskRecord>> LoadTaskRowsAsync(Guid instanceId, StepResult.Applied step, CancellationToken cancellationToken)
    {
        var ids = step.History.Where(h => h.Type is HistoryEventType.TaskCompleted or HistoryEventType.TaskCancelled && h.TaskId is not null)
            .Select(h => h.TaskId!).Distinct().ToList();
        var rows = new Dictionary<string, UserTaskRecord>(StringComparer.Ordinal);
        if (KnownTask is { } known && known.InstanceId == instanceId && ids.Remove(known.EngineTaskId))
        {
            if (db.Tasks.Local.FindEntry(known.Id)?.Entity is { } tracked)
            {
                rows[known.EngineTaskId] = tracked;
            }
            else
            {
                db.Tasks.Attach(known);
                rows[known.EngineTaskId] = known;
            }
        }

        if (ids.Count > 0)
        {
            foreach (var row in await db.Tasks.Where(t => t.InstanceId == instanceId && ids.Contains(t.EngineTaskId)).ToListAsync(cancellationToken))
            {
                rows[row.EngineTaskId] = row;
            }
        }

        return rows;
    }

    /// <summary>Loads the timer rows this step fires or cancels, by timer id.</summary>
    private async Task<Dictionary<string, TimerRecord>> LoadTimerRowsAsync(Guid instanceId, StepResult.Applied step, CancellationToken cancellationToken)
    {
        var ids = step.Intents.OfType<CancelTimerIntent>().Select(c => c.TimerId)
            .Concat(step.History.Where(h => h.Type == HistoryEventType.TimerFired && h.TaskId is not null).Select(h => h.TaskId!))
            .Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<string, TimerRecord>(StringComparer.Ordinal)
            : await db.Timers.Where(t => t.InstanceId == instanceId && ids.Contains(t.TimerId)).ToDictionaryAsync(t => t.TimerId, StringComparer.Ordinal, cancellationToken);
    }

    private async Task StartChildAsync(ProcessInstanceRecord parent, DeployedDefinition parentDefinition, StartChildInstanceIntent start, CancellationToken cancellationToken)
    {
        DeployedDefinition? child;
        try
        {
            child = await catalog.FindAsync(start.DefinitionKey, start.Binding == Bpmn.Model.CalledElementBinding.Version ? start.Version : null, cancellationToken);
        }
        catch (DefinitionNotExecutableException)
        {
            throw new CalledDefinitionMissingException(parentDefinition.Key, start.NodeId, start.DefinitionKey, start.Version, notExecutable: true);
        }

        if (child is null)
        {
            throw new CalledDefinitionMissingException(parentDefinition.Key, start.NodeId, start.DefinitionKey, start.Version);
        }

        var started = engine.Start(child.Process, new StartInstance(
            Guid.CreateVersion7(now).ToString(), child.Version, start.BusinessKey, start.Variables, parent.Id.ToString(), start.ExecutionId));
        await AddInstanceAsync(child, started, parent, null, cancellationToken);
    }

    private async Task CancelChildAsync(ProcessInstanceRecord parent, string executionId, CancellationToken cancellationToken)
    {
        var child = db.Instances.Local.FirstOrDefault(i => i.ParentInstanceId == parent.Id && i.ParentExecutionId == executionId && i.Status == InstanceStatus.Active)
            ?? await db.Instances.FirstOrDefaultAsync(i => i.ParentInstanceId == parent.Id && i.ParentExecutionId == executionId && i.Status == InstanceStatus.Active, cancellationToken);
        if (child is null)
        {
            return;
        }

        var definition = await catalog.GetAsync(child.DefinitionId, cancellationToken);
        if (engine.Execute(definition.Process, child.State, new CancelInstance(null, $"Call activity of parent instance {parent.Id} was cancelled.")) is StepResult.Applied cancelled)
        {
            await ApplyAsync(child, definition, cancelled, cancellationToken);
        }
    }

    /// <summary>Removes a signal subscription row, whether saved already or added earlier in this unit of work.</summary>
    private async Task RemoveSignalSubscriptionAsync(Guid instanceId, string subscriptionId, CancellationToken cancellationToken)
    {
        var row = db.SignalSubscriptions.Local.FirstOrDefault(s => s.InstanceId == instanceId && s.SubscriptionId == subscriptionId)
            ?? await db.SignalSubscriptions.FirstOrDefaultAsync(s => s.InstanceId == instanceId && s.SubscriptionId == subscriptionId, cancellationToken);
        if (row is not null)
        {
            db.SignalSubscriptions.Remove(row);
        }
    }

    private void AddOutbox<T>(Guid instanceId, string kind, T payload)
    {
        db.Outbox.Add(new OutboxMessage { InstanceId = instanceId, Kind = kind, Payload = JsonSerializer.SerializeToElement(payload), CreatedAt = now });
        WroteOutbox = true;
    }
}
