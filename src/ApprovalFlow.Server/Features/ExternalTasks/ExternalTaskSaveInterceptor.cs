using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// After a save that committed a fetchable external task (new, unlocked, or offered again), wakes this node's waiting
/// polls (<see cref="ExternalTaskSignal"/>) and the other nodes' (<c>pg_notify</c> on <see cref="ExternalTaskSignal.Channel"/>).
/// Thread-safe singleton.
/// </summary>
internal sealed partial class ExternalTaskSaveInterceptor(ExternalTaskSignal signal, ILogger<ExternalTaskSaveInterceptor> logger) : SaveChangesInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries<ExternalTaskRecord>()
            .Any(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.AvailableAt is not null && e.Entity.WorkerId is null))
        {
            _pending.AddOrUpdate(context, Marker);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.Remove(context))
        {
            signal.Notify();
            try
            {
                await context.Database.ExecuteSqlAsync($"SELECT pg_notify({ExternalTaskSignal.Channel}, '')", cancellationToken);
            }
            catch (NpgsqlException e)
            {
                // The change is committed; other nodes still find the task on their next look (ExternalTasksOptions.RequeryInterval).
                ExternalTasksLog.NotifyFailed(logger, e);
            }
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }

        return Task.CompletedTask;
    }
}
