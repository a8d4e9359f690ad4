using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// The unit of work of one engine step (architecture "Data flow of one command"): a transaction whose first statement
/// reads the instance row <c>FOR NO KEY UPDATE</c> (so no other step of the instance commits until this one has, while
/// rows that only refer to the instance, such as a plan cycle's, may still be written by other connections), the task
/// row the step is about (if any) and the directory stamp (<see cref="DirectoryStampRecord"/>), in one round trip with
/// its <c>BEGIN</c>; the step's writes then go in one batch which carries the <c>COMMIT</c> when every update in it hits
/// a row the lock protects (<see cref="SaveAndCommitAsync"/>). Disposing it rolls back what was not committed. Not
/// thread-safe; one per step attempt.
/// </summary>
public sealed class StepUnit : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly IDbContextTransaction _transaction;
    private bool _disposed;

    private StepUnit(AsyncServiceScope scope, ApprovalFlowDbContext db, IDbContextTransaction transaction)
    {
        _scope = scope;
        Db = db;
        _transaction = transaction;
    }

    /// <summary>The step's database context; its transaction is open until <see cref="SaveAndCommitAsync"/> or disposal.</summary>
    public ApprovalFlowDbContext Db { get; }

    /// <summary>The services of the step's scope.</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>The instance row, tracked by <see cref="Db"/> and locked until the transaction ends, or <see langword="null"/> when it does not exist.</summary>
    public ProcessInstanceRecord? Instance { get; private set; }

    /// <summary>The task row read with the instance (untracked), or <see langword="null"/> when none was asked for or it does not exist.</summary>
    public UserTaskRecord? Task { get; private set; }

    /// <summary>The directory stamp read in the same statement as <see cref="Instance"/>.</summary>
    public long DirectoryStamp { get; private set; }

    /// <summary>Opens the unit of instance <paramref name="instanceId"/>, reading its task row with engine id <paramref name="engineTaskId"/> too when given.</summary>
    /// <param name="scopes">Creates the step's scope.</param>
    /// <param name="instanceId">The instance.</param>
    /// <param name="engineTaskId">The engine task id of a task row to read with it, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read (and waiting for the lock).</param>
    internal static async Task<StepUnit> ForInstanceAsync(IServiceScopeFactory scopes, Guid instanceId, string? engineTaskId, CancellationToken cancellationToken)
    {
        var unit = await BeginAsync(scopes, cancellationToken);
        try
        {
            var db = unit.Db;
            var row = await db.Instances.FromSql($"SELECT * FROM approvalflow.process_instances WHERE id = {instanceId} FOR NO KEY UPDATE").AsNoTracking()
                .Select(i => new
                {
                    Instance = i,
                    Task = db.Tasks.FirstOrDefault(t => t.InstanceId == i.Id && t.EngineTaskId == engineTaskId),
                    Stamp = db.DirectoryStamps.Where(s => s.Id == DirectoryStampRecord.SingleId).Select(s => s.Value).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            unit.Found(row?.Instance, row?.Task, row?.Stamp);
            return unit;
        }
        catch
        {
            await unit.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens the unit of the instance of task row <paramref name="taskId"/>, reading that row with it.</summary>
    /// <param name="scopes">Creates the step's scope.</param>
    /// <param name="taskId">The task row's id.</param>
    /// <param name="cancellationToken">Cancels the read (and waiting for the lock).</param>
    internal static async Task<StepUnit> ForTaskAsync(IServiceScopeFactory scopes, Guid taskId, CancellationToken cancellationToken)
    {
        var unit = await BeginAsync(scopes, cancellationToken);
        try
        {
            var db = unit.Db;
            var row = await db.Instances
                .FromSql($"SELECT * FROM approvalflow.process_instances WHERE id = (SELECT instance_id FROM approvalflow.user_tasks WHERE id = {taskId}) FOR NO KEY UPDATE")
                .AsNoTracking()
                .Select(i => new
                {
                    Instance = i,
                    Task = db.Tasks.FirstOrDefault(t => t.Id == taskId),
                    Stamp = db.DirectoryStamps.Where(s => s.Id == DirectoryStampRecord.SingleId).Select(s => s.Value).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            unit.Found(row?.Instance, row?.Task, row?.Stamp);
            return unit;
        }
        catch
        {
            await unit.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Saves the step's changes and commits: in one round trip (the <c>COMMIT</c> in the batch,
    /// <see cref="CommitInBatchInterceptor"/>) when every modified row is the locked instance row or a task row of that
    /// instance (task rows are deleted only with their instance), nothing is deleted, and no instance or external task row
    /// is added (a child instance with its rows may take more than one batch; an external task is announced after its save);
    /// otherwise saved, its rows affected checked by EF Core, then committed.
    /// </summary>
    /// <param name="commits">The interceptor that appends the <c>COMMIT</c>.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <exception cref="DbUpdateException">The save failed (e.g. a lost race); nothing is committed.</exception>
    public async Task SaveAndCommitAsync(CommitInBatchInterceptor commits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commits);
        Db.ChangeTracker.DetectChanges();
        var tracker = Db.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;

        // Nothing changes the entities from here on: the entries below and the save use this one detection pass.
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            await SaveDetectedAndCommitAsync(commits, cancellationToken);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private async Task SaveDetectedAndCommitAsync(CommitInBatchInterceptor commits, CancellationToken cancellationToken)
    {
        var changed = 0;
        var inBatch = Instance is not null;
        foreach (var entry in Db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    changed++;
                    inBatch &= entry.Entity is not (ProcessInstanceRecord or Features.ExternalTasks.ExternalTaskRecord);
                    break;
                case EntityState.Modified:
                    changed++;
                    inBatch &= ReferenceEquals(entry.Entity, Instance) || (entry.Entity is UserTaskRecord task && task.InstanceId == Instance!.Id);
                    break;
                case EntityState.Deleted:
                    changed++;
                    inBatch = false;
                    break;
            }
        }

        if (inBatch && changed > 0)
        {
            commits.Expect(Db, changed);
        }

        bool committed;
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            committed = commits.Committed(Db);
        }

        if (!committed)
        {
            await _transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Rolls back what was not committed and ends the scope; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            Db.Database.AutoSavepointsEnabled = true;
            await _scope.DisposeAsync();
        }
    }

    private static async Task<StepUnit> BeginAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();

            // The step saves once; a failed save aborts the whole transaction, so no savepoint is needed (nor its round trip).
            db.Database.AutoSavepointsEnabled = false;

            // Npgsql sends the BEGIN with the first statement.
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            return new StepUnit(scope, db, transaction);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    private void Found(ProcessInstanceRecord? instance, UserTaskRecord? task, long? stamp)
    {
        if (instance is not null)
        {
            Db.Instances.Attach(instance);
        }

        Instance = instance;
        Task = task;
        DirectoryStamp = stamp ?? 0;
    }
}
