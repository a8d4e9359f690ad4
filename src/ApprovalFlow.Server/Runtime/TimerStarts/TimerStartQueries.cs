using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime.TimerStarts;

/// <summary>Reads of timer start schedules for the API and the pages.</summary>
public static class TimerStartQueries
{
    /// <summary>The next timer start (UTC, the earliest of its start events) of each definition version that has one, by version row id.</summary>
    /// <param name="db">A unit of work.</param>
    /// <param name="key">Only this definition key, or <see langword="null"/> for every key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<Dictionary<Guid, DateTimeOffset>> NextStartsAsync(ApprovalFlowDbContext db, string? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = await db.TimerStartSchedules.AsNoTracking()
            .Where(s => s.NextDueAt != null && (key == null || s.DefinitionKey == key))
            .Select(s => new { s.DefinitionId, Due = s.NextDueAt!.Value })
            .ToListAsync(cancellationToken);
        return due.GroupBy(s => s.DefinitionId).ToDictionary(g => g.Key, g => g.Min(s => s.Due));
    }
}
