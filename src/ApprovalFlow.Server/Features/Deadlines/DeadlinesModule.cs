using ApprovalFlow.Bpmn.Timers;
namespace ApprovalFlow.Server.Features.Deadlines;

/// <summary>Task deadlines: reminders before and after the due date, then escalation.</summary>
public static class DeadlinesModule
{
    /// <summary>Adds <see cref="DeadlineOptions"/> (checked at start), the scheduler and the reminder job.</summary>
    public static WebApplicationBuilder AddApprovalFlowDeadlines(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section)
            .Validate(o => ReminderPolicy.TryParse(o.DefaultReminders, out _, out _), "Deadlines:DefaultReminders is not a reminder policy such as -P1D,P0D,R2/P1D.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ReminderScheduler>();
        builder.Services.AddTransient<TaskReminderJob>();
        return builder;
    }
}
