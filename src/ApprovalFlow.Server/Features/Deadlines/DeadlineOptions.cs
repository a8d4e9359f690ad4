using ApprovalFlow.Bpmn.Timers;
namespace ApprovalFlow.Server.Features.Deadlines;

/// <summary>Task deadline settings (section <c>Deadlines</c>).</summary>
public sealed class DeadlineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Deadlines";

    /// <summary>
    /// Reminder policy of tasks with a due date but no <c>reminders</c> property (see
    /// <see cref="ReminderPolicy"/>); default <c>-P1D,P0D,R2/P1D</c>: a working day before, at the due
    /// time, then daily twice more, then escalation.
    /// </summary>
    public string DefaultReminders { get; set; } = "-P1D,P0D,R2/P1D";
}
