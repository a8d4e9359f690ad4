using ApprovalFlow.Engine.Calendar;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>
/// Loads the calendar at start-up, before the service takes requests: the holiday data files (through
/// <see cref="WorkingDayCalendar"/>, so an invalid file stops start-up) and the closures of the database;
/// then reads the closures again every <see cref="CalendarOptions.ClosureRefreshInterval"/>. Register after
/// the database migrator: hosted services start in registration order.
/// </summary>
internal sealed class ClosureRefresher(
    DatabaseClosureSource closures,
    WorkingDayCalendar calendar,
    IOptions<CalendarOptions> options,
    TimeProvider time,
    ILogger<ClosureRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await closures.RefreshAsync(cancellationToken);
        CalendarLog.Loaded(logger, calendar.Zone.Id, calendar.Holidays.Holidays.Count, calendar.Holidays.Years, count);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ClosureRefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await closures.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The previous snapshot stays in use; the next tick tries again.
                    CalendarLog.RefreshFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
