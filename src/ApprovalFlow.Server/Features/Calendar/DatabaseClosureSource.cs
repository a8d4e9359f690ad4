using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>
/// The one-off closures of table <c>calendar_closures</c> as an <see cref="IClosureSource"/>: an immutable
/// snapshot in memory, read at start by <see cref="ClosureRefresher"/>, again after every change made
/// through this process's API and periodically (<see cref="CalendarOptions.ClosureRefreshInterval"/>) for
/// changes made by other processes. Thread-safe: <see cref="Current"/> never does I/O, and refreshes run
/// one at a time, so a slower, older read never replaces a newer one.
/// </summary>
internal sealed class DatabaseClosureSource(IServiceScopeFactory scopes) : IClosureSource, IDisposable
{
    private readonly ClosureList _closures = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <inheritdoc />
    public IReadOnlyDictionary<LocalDate, Closure> Current => _closures.Current;

    /// <summary>Reads every closure from the database and swaps in the new snapshot.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The number of closures now known.</returns>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            var rows = await db.CalendarClosures.AsNoTracking().Select(c => new { c.Date, c.Reason }).ToListAsync(cancellationToken);
            _closures.Replace(rows.Select(r => new Closure(LocalDate.FromDateOnly(r.Date), r.Reason)));
            return rows.Count;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose() => _refreshing.Dispose();
}
