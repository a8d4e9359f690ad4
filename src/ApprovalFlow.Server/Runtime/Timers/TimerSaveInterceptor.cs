using System.Runtime.CompilerServices;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ApprovalFlow.Server.Runtime.Timers;

/// <summary>
/// After a save that added timer rows, wakes this node's <see cref="TimerPoller"/> (<see cref="TimerSignal"/>) if the
/// earliest of them falls due before the poller's planned wake-up. Other nodes find the rows on their next poll
/// (<see cref="RuntimeOptions.TimerPollInterval"/>). Thread-safe singleton.
/// </summary>
internal sealed class TimerSaveInterceptor(TimerSignal signal) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, StrongBox<DateTimeOffset>> _earliest = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            DateTimeOffset? earliest = null;
            foreach (var entry in context.ChangeTracker.Entries<TimerRecord>())
            {
                if (entry.State == EntityState.Added && (earliest is null || entry.Entity.DueAt < earliest))
                {
                    earliest = entry.Entity.DueAt;
                }
            }

            if (earliest is { } due)
            {
                _earliest.AddOrUpdate(context, new StrongBox<DateTimeOffset>(due));
            }
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _earliest.TryGetValue(context, out var due))
        {
            _earliest.Remove(context);
            signal.Notify(due.Value);
        }

        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _earliest.Remove(context);
        }

        return Task.CompletedTask;
    }
}
