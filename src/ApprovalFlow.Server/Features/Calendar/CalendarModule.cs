using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Expressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Calendar;

/// <summary>The business calendar in the service: Solar Hijri working days, public holidays and one-off closures.</summary>
public static class CalendarModule
{
    /// <summary>
    /// Adds <see cref="CalendarOptions"/> (section <c>Calendar</c>, validated at start), the one-off closures
    /// of the database as the <see cref="IClosureSource"/>, the <see cref="WorkingDayCalendar"/> singleton
    /// (holiday files read once at start) as the <see cref="IBusinessCalendar"/>, and the
    /// <see cref="IExpressionEvaluator"/> with the calendar's functions (<c>workingDays(n)</c>,
    /// <c>addWorkingDays(date, n)</c>, <c>isWorkingDay(date)</c>, <c>jalali(text)</c>) that the engine of
    /// <c>AddApprovalFlowRuntime</c> uses. Call after <c>AddApprovalFlowData</c> (the closures are read at
    /// start, after migrations) and before anything that computes deadlines at start-up.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowCalendar(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CalendarOptions>, CalendarOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DatabaseClosureSource>();
        services.TryAddSingleton<IClosureSource>(sp => sp.GetRequiredService<DatabaseClosureSource>());
        services.TryAddSingleton(CreateCalendar);
        services.TryAddSingleton<IBusinessCalendar>(sp => sp.GetRequiredService<WorkingDayCalendar>());
        services.TryAddSingleton<IExpressionEvaluator>(sp => new JintExpressionEvaluator(BusinessCalendarFunctions.Create(sp.GetRequiredService<WorkingDayCalendar>())));
        services.AddHostedService<ClosureRefresher>();
        return builder;
    }

    /// <summary>Builds the calendar from the validated options; reads the holiday files (small, once, at start-up).</summary>
    /// <exception cref="CalendarDataException">The holiday folder is missing or a file in it is invalid; the message names the path.</exception>
    private static WorkingDayCalendar CreateCalendar(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CalendarOptions>>().Value;
        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var directory = options.ResolveHolidaysDirectory(contentRoot) ?? options.HolidaysDirectoryCandidates(contentRoot)[0];
        var holidays = HolidayCalendarData.LoadDirectoryAsync(directory, CancellationToken.None).GetAwaiter().GetResult();
        return new WorkingDayCalendar(new WorkingDayCalendarOptions
        {
            Zone = options.Zone!,
            Weekend = options.WeekendDays,
            OfficeDayEnd = options.OfficeDayEndTime!.Value,
            Holidays = holidays,
            Closures = services.GetRequiredService<IClosureSource>(),
        });
    }
}
