using System.Text.Json;
using ApprovalFlow.Engine;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Data.Configurations;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;

namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// Runs engine steps durably (architecture "Data flow of one command"): load the instance row, step
/// the pure engine, write state, inbox, history, incidents, timers, subscriptions, outbox and the rows of the
/// <see cref="IStepObserver"/>s in one transaction with optimistic concurrency on the instance's version, then wake the outbox
/// dispatcher when the step committed intents for it. A step that loses a race is re-run on fresh state (with jitter) until it commits or
/// becomes a no-op. Thread-safe singleton.
/// </summary>
public sealed partial class InstanceRunner(
    IServiceScopeFactory scopes,
    DefinitionCatalog catalog,
    ProcessEngine engine,
    TimeProvider time,
    OutboxSignal signal,
    Features.ExternalTasks.ExternalTaskTopics topics,
    CommitInBatchInterceptor commits,
    Hosting.Telemetry.EngineMetrics metrics,
    ILogger<InstanceRunner> logger)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DbUpdateException>(IsLostRace),
            MaxRetryAttempts = 30,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(500),
            OnRetry = args =>
            {
                LogConflict(logger, args.AttemptNumber);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>Starts an instance of <paramref name="definition"/> and commits its first step.</summary>
    /// <param name="definition">The definition version to start.</param>
    /// <param name="businessKey">Business key, or <see langword="null"/>.</param>
    /// <param name="variables">Initial variables, or <see langword="null"/>.</param>
    /// <param name="startedBy">User id of the starter, or <see langword="null"/> for the system.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The committed instance row.</returns>
    /// <exception cref="CalledDefinitionMissingException">A call activity reached at once calls an undeployed process.</exception>
    /// <exception cref="BusinessKeyInUseException">An instance of the key with <paramref name="businessKey"/> is active (checked by a unique index, so it holds for concurrent starts).</exception>
    public Task<ProcessInstanceRecord> StartAsync(
        DeployedDefinition definition, string? businessKey, IReadOnlyDictionary<string, JsonElement>? variables, string? startedBy, CancellationToken cancellationToken) =>
        StartAsync(definition, businessKey, variables, startedBy, null, null, cancellationToken);

    /// <summary>
    /// Like <see cref="StartAsync(DeployedDefinition, string?, IReadOnlyDictionary{string, JsonElement}?, string?, CancellationToken)"/>,
    /// at the signal start event <paramref name="startEventId"/> (BPMN 2.0.2 §10.5.2) when given, adding
    /// <paramref name="writes"/> to the start's transaction.
    /// </summary>
    /// <param name="definition">The definition version to start.</param>
    /// <param name="businessKey">Business key, or <see langword="null"/>.</param>
    /// <param name="variables">Initial variables, or <see langword="null"/>.</param>
    /// <param name="startedBy">User id of the starter, or <see langword="null"/> for the system.</param>
    /// <param name="startEventId">A signal start event of the definition, or <see langword="null"/> for its none start event.</param>
    /// <param name="writes">More rows for the same transaction (e.g. the signal target it delivers), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <exception cref="CalledDefinitionMissingException">A call activity reached at once calls an undeployed process.</exception>
    /// <exception cref="BusinessKeyInUseException">An instance of the key with <paramref name="businessKey"/> is active.</exception>
    public async Task<ProcessInstanceRecord> StartAsync(
        DeployedDefinition definition,
        string? businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables,
        string? startedBy,
        string? startEventId,
        ServiceTasks.ServiceTaskWrites? writes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var activity = Hosting.Telemetry.ApprovalFlowTelemetry.Source.StartActivity($"{Hosting.Telemetry.CommandKinds.Start} {definition.Key}");
        var startedAt = time.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        await ThrowIfBusinessKeyInUseAsync(db, definition.Key, businessKey, cancellationToken);
        var now = time.GetUtcNow();
        var started = engine.Start(definition.Process, new StartInstance(Guid.CreateVersion7(now).ToString(), definition.Version, businessKey, variables, StartEventId: startEventId));
        var writer = new StepWriter(db, engine, catalog, topics, now);
        var record = await writer.AddInstanceAsync(definition, started, null, startedBy, cancellationToken);
        var wroteOutbox = writer.WroteOutbox | (writes is not null && await writes(db, now, cancellationToken));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: ProcessInstanceConfiguration.OneActivePerBusinessKey })
        {
            db.ChangeTracker.Clear();
            await ThrowIfBusinessKeyInUseAsync(db, definition.Key, businessKey, cancellationToken);
            throw;
        }
        if (wroteOutbox)
        {
            signal.Notify();
        }

        metrics.CommandRan(Hosting.Telemetry.CommandKinds.Start, definition.Key, Applied, time.GetElapsedTime(startedAt));
        activity?.SetTag("approvalflow.instance_id", record.Id);
        LogStarted(logger, record.Id, definition.Key, definition.Version);
        return record;
    }

    /// <summary>
    /// Applies <paramref name="command"/> to instance <paramref name="instanceId"/> and commits it.
    /// A concurrent commit on the same instance makes the step run again on the new state: a command
    /// whose target is gone by then returns <see cref="CommandOutcome.NotApplicable"/>.
    /// </summary>
    /// <exception cref="CalledDefinitionMissingException">A call activity calls an undeployed process (nothing is committed).</exception>
    public Task<CommandOutcome> ExecuteAsync(Guid instanceId, EngineCommand command, CancellationToken cancellationToken) =>
        ExecuteAsync(instanceId, command, null, cancellationToken);

    /// <summary>Like <see cref="ExecuteAsync(Guid, EngineCommand, CancellationToken)"/>, adding <paramref name="writes"/> to the step's transaction when the step applies.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="command">The command.</param>
    /// <param name="writes">Rows of a service task's handler (its e-mails), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <exception cref="CalledDefinitionMissingException">A call activity calls an undeployed process (nothing is committed).</exception>
    public Task<CommandOutcome> ExecuteAsync(Guid instanceId, EngineCommand command, ServiceTasks.ServiceTaskWrites? writes, CancellationToken cancellationToken) =>
        ExecuteAsync(instanceId, command, writes, null, cancellationToken);

    private async Task<CommandOutcome> ExecuteAsync(Guid instanceId, EngineCommand command, ServiceTasks.ServiceTaskWrites? writes, StepRows? rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var kind = Hosting.Telemetry.CommandKinds.Of(command);
        using var activity = Hosting.Telemetry.ApprovalFlowTelemetry.Source.StartActivity(kind);
        activity?.SetTag("approvalflow.instance_id", instanceId);
        var startedAt = time.GetTimestamp();
        string? definitionKey = null;
        var outcome = await _retry.ExecuteAsync(
            async token =>
            {
                try
                {
                    return await ExecuteOnceAsync(instanceId, command, writes, rows, key => definitionKey = key, token);
                }
                catch (DbUpdateException e) when (IsLostRace(e))
                {
                    metrics.LostRace(kind);
                    throw;
                }
            },
            cancellationToken);
        if (outcome is CommandOutcome.Applied { WroteOutbox: true })
        {
            signal.Notify();
        }

        var ended = outcome switch
        {
            CommandOutcome.Applied => Applied,
            CommandOutcome.NotApplicable => "not_applicable",
            _ => "instance_not_found",
        };
        activity?.SetTag(Hosting.Telemetry.ApprovalFlowTelemetry.OutcomeTag, ended);
        metrics.CommandRan(kind, definitionKey, ended, time.GetElapsedTime(startedAt));
        return outcome;
    }

    /// <summary>
    /// Opens the completion of task row <paramref name="taskId"/> (<see cref="StepUnit.ForTaskAsync"/>): one statement, with
    /// the transaction's <c>BEGIN</c>, reads the task row, its instance row locked until the completion commits, and the
    /// directory stamp. The caller checks the task (<see cref="StepUnit.Task"/>, <see cref="StepUnit.Instance"/>), then
    /// completes it with <see cref="CompleteTaskAsync"/> or disposes the unit (a rollback).
    /// </summary>
    /// <param name="taskId">The task row's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The open unit; <see cref="StepUnit.Task"/> is <see langword="null"/> when the task does not exist.</returns>
    public Task<StepUnit> OpenTaskAsync(Guid taskId, CancellationToken cancellationToken) => StepUnit.ForTaskAsync(scopes, taskId, cancellationToken);

    /// <summary>
    /// Completes the task of <paramref name="unit"/> (opened by <see cref="OpenTaskAsync"/> and checked by the caller) like
    /// <see cref="ExecuteAsync(Guid, EngineCommand, CancellationToken)"/>: the first attempt steps the unit's instance row in
    /// the unit's transaction and writes its task row without reading either again; a lost race re-reads both. On
    /// <see cref="CommandOutcome.Applied"/> <see cref="StepUnit.Task"/> carries the committed status, end and completer. The
    /// unit is disposed when this returns.
    /// </summary>
    /// <param name="unit">The open unit of the task; its <see cref="StepUnit.Task"/> is not <see langword="null"/>.</param>
    /// <param name="command">The completion of the unit's task.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <exception cref="CalledDefinitionMissingException">A call activity calls an undeployed process (nothing is committed).</exception>
    public async Task<CommandOutcome> CompleteTaskAsync(StepUnit unit, CompleteUserTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var task = unit.Task ?? throw new ArgumentException("The unit has no task row.", nameof(unit));
        UserTaskRecord? committed = null;
        var open = unit;
        try
        {
            var outcome = await ExecuteAsync(task.InstanceId, command, null, new StepRows(() => Interlocked.Exchange(ref open, null), () => committed = task.Copy()), cancellationToken);
            if (outcome is CommandOutcome.Applied && committed is not null)
            {
                task.Status = committed.Status;
                task.EndedAt = committed.EndedAt;
                task.CompletedBy = committed.CompletedBy;
            }

            return outcome;
        }
        finally
        {
            await unit.DisposeAsync();
        }
    }

    /// <summary>The <c>outcome</c> tag of a committed command.</summary>
    private const string Applied = "applied";

    private async Task<CommandOutcome> ExecuteOnceAsync(
        Guid instanceId, EngineCommand command, ServiceTasks.ServiceTaskWrites? writes, StepRows? rows, Action<string> definitionFound, CancellationToken cancellationToken)
    {
        await using var unit = rows?.TakeUnit() ?? await StepUnit.ForInstanceAsync(scopes, instanceId, (command as CompleteUserTask)?.TaskId, cancellationToken);
        var db = unit.Db;
        if (unit.Instance is not { } record)
        {
            return new CommandOutcome.InstanceNotFound(instanceId);
        }

        definitionFound(record.DefinitionKey);
        var definition = await catalog.GetAsync(record.DefinitionId, cancellationToken);
        var now = time.GetUtcNow();
        var firedTimerDue = command is FireTimer fire ? record.State.Timers.Find(t => t.Id == fire.TimerId)?.DueAt : null;
        switch (engine.Execute(definition.Process, record.State, command))
        {
            case StepResult.NotApplicable notApplicable:
                return new CommandOutcome.NotApplicable(notApplicable.Reason, notApplicable.Detail);
            case StepResult.Applied applied:
                var people = new Features.Notifications.MailPeople(db, unit.Services.GetRequiredService<Features.Notifications.MailPeopleCache>(), unit.DirectoryStamp);
                var writer = new StepWriter(db, engine, catalog, topics, now, people) { KnownTask = rows is null ? unit.Task : rows.Task() };
                await writer.ApplyAsync(record, definition, applied, cancellationToken);
                var observed = new ObservedStep(db, record, definition, applied.History, now);
                var wroteOutbox = writer.WroteOutbox;
                foreach (var observer in unit.Services.GetServices<IStepObserver>())
                {
                    wroteOutbox |= await observer.ObserveAsync(observed, cancellationToken);
                }

                wroteOutbox |= writes is not null && await writes(db, now, cancellationToken);
                await unit.SaveAndCommitAsync(commits, cancellationToken);
                if (firedTimerDue is { } due)
                {
                    metrics.TimerFired(record.DefinitionKey, now - due);
                }

                return new CommandOutcome.Applied(record, wroteOutbox);
            default:
                throw new InvalidOperationException("Unknown step result.");
        }
    }

    /// <summary>The unit a caller opened (for the first attempt only), and a fresh copy of its task row for each attempt.</summary>
    private sealed record StepRows(Func<StepUnit?> TakeUnit, Func<UserTaskRecord> Task);

    private static async Task ThrowIfBusinessKeyInUseAsync(ApprovalFlowDbContext db, string definitionKey, string? businessKey, CancellationToken cancellationToken)
    {
        if (businessKey is null)
        {
            return;
        }

        var active = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionKey == definitionKey && i.BusinessKey == businessKey && i.Status == Engine.State.InstanceStatus.Active && i.ParentInstanceId == null)
            .Select(i => (Guid?)i.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (active is { } existing)
        {
            throw new BusinessKeyInUseException(definitionKey, businessKey, existing);
        }
    }

    /// <summary>
    /// A concurrent step on the same instance committed first: the version check failed, or a row this
    /// step inserts (an inbox row, incident, timer or subscription keyed by instance-local id) was
    /// inserted by the winner before our version check ran; or PostgreSQL chose this step's transaction as the
    /// victim of a deadlock (it rolled back whole).
    /// </summary>
    private static bool IsLostRace(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException
        || exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DeadlockDetected };

    [LoggerMessage(Level = LogLevel.Information, Message = "Started instance {InstanceId} of {DefinitionKey} v{DefinitionVersion}")]
    private static partial void LogStarted(ILogger logger, Guid instanceId, string definitionKey, int definitionVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Concurrent commit on an instance; running the step again (attempt {Attempt})")]
    private static partial void LogConflict(ILogger logger, int attempt);
}
