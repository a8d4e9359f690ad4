using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Calendar;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Audit;

/// <summary>Reads the audit log for the API and the admin page: filtered, newest first, paged. Scoped.</summary>
public sealed class AuditLog(ApprovalFlowDbContext db, WorkingDayCalendar calendar)
{
    /// <summary>A page of the entries matching <paramref name="filter"/>, newest first.</summary>
    /// <param name="filter">The filters.</param>
    /// <param name="page">The page, from 1 (clamped by <see cref="Paging.Clamp"/>).</param>
    /// <param name="pageSize">Entries per page, 1 to <see cref="Paging.MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page, or the problem of the first invalid filter (a sentence naming the parameter).</returns>
    public async Task<(AuditPage? Page, string? Invalid)> QueryAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Set<AuditEntryRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(a => a.ActorId == filter.Actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            if (!AuditActions.All.Contains(filter.Action))
            {
                return (null, $"action must be one of {string.Join(", ", AuditActions.All)}, not '{filter.Action}'.");
            }

            query = query.Where(a => a.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.From))
        {
            if (!CalendarDates.TryParseInstant(filter.From, calendar.Zone, out var from))
            {
                return (null, $"from '{filter.From}' is not an ISO 8601 instant with offset, an ISO date (2025-08-03) or a Solar Hijri date (1404/05/12).");
            }

            query = query.Where(a => a.At >= from);
        }

        if (!string.IsNullOrWhiteSpace(filter.To))
        {
            if (!TryParseEnd(filter.To, out var to))
            {
                return (null, $"to '{filter.To}' is not an ISO 8601 instant with offset, an ISO date (2025-08-03) or a Solar Hijri date (1404/05/12).");
            }

            query = query.Where(a => a.At < to);
        }

        (page, pageSize) = Paging.Clamp(page, pageSize);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (new AuditPage([.. rows.Select(AuditEntryResponse.From)], total), null);
    }

    /// <summary>The end of a <c>to</c> filter: an instant as given, or the start of the day after a date.</summary>
    private bool TryParseEnd(string text, out DateTimeOffset end)
    {
        if (CalendarDates.TryParseDate(text, out var date))
        {
            end = date.PlusDays(1).AtStartOfDayInZone(calendar.Zone).ToInstant().ToDateTimeOffset();
            return true;
        }

        return CalendarDates.TryParseInstant(text, calendar.Zone, out end);
    }
}
