using ApprovalFlow.Bpmn.Timers;
using NodaTime;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>E-mail notification settings (section <c>Notifications</c>), validated at start by <see cref="NotificationOptionsValidator"/>.</summary>
public sealed class NotificationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Notifications";

    /// <summary>
    /// Comma-separated ISO 8601 waits before each retry of a failed send; default
    /// <c>PT1M,PT5M,PT30M,PT2H,PT6H</c> (six attempts in all). After the last, the notification is failed.
    /// </summary>
    public string RetrySchedule { get; set; } = "PT1M,PT5M,PT30M,PT2H,PT6H";

    /// <summary>
    /// ISO 8601 duration during which the task mails to one person are folded into one message; default
    /// <c>PT2M</c>. A task mail waits this long after it is written before it is sent.
    /// </summary>
    public string FoldWindow { get; set; } = "PT2M";

    /// <summary>The hour (0 to 23, in <c>Calendar:TimeZone</c>) at which the daily digest is written on working days; default 7.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 23)]
    public int DigestHour { get; set; } = 7;

    /// <summary>The folder of the Liquid templates; default <c>workflows/templates</c> (resolved as <see cref="Hosting.ContentPaths"/> says).</summary>
    public string TemplatesDirectory { get; set; } = "workflows/templates";

    /// <summary>The waits of <see cref="RetrySchedule"/>, or <see langword="null"/> when it is invalid.</summary>
    public IReadOnlyList<TimeSpan>? RetryWaits =>
        Bpmn.Timers.RetrySchedule.TryParse(RetrySchedule, out var waits) && waits.All(IsFixed)
            ? [.. waits.Select(w => w.ToDuration().ToTimeSpan())]
            : null;

    /// <summary><see cref="FoldWindow"/> as a <see cref="TimeSpan"/>, or <see langword="null"/> when it is invalid.</summary>
    public TimeSpan? FoldWindowSpan =>
        TimerScheduleParser.TryParse(Bpmn.Model.TimerKind.Duration, FoldWindow, out var parsed, out _) && parsed is DurationSchedule { Duration: var d } && IsFixed(d)
            ? d.ToDuration().ToTimeSpan()
            : null;

    private static bool IsFixed(Period period) => period.Years == 0 && period.Months == 0 && period.Weeks == 0;
}
