namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>The kinds of notification; each is also the name of its template (<c>workflows/templates/&lt;kind&gt;.&lt;language&gt;.liquid</c>).</summary>
public static class NotificationKinds
{
    /// <summary>A new task offered to its candidate groups and users (each member once).</summary>
    public const string TaskOffered = "task-offered";

    /// <summary>A new task assigned to one person.</summary>
    public const string TaskAssigned = "task-assigned";

    /// <summary>A reminder of an open task's due date (the <c>taskReminded</c> event).</summary>
    public const string TaskReminder = "task-reminder";

    /// <summary>An overdue task escalated to the escalation group (the <c>taskEscalated</c> event).</summary>
    public const string TaskEscalated = "task-escalated";

    /// <summary>A body's decision (approve or revise, with the comment): to the planning office and, on revise, to the groups whose work returns.</summary>
    public const string Decision = "decision";

    /// <summary>The plan's final approval (<see cref="PlanningMail.FinalApprovalNode"/> approved): to every participant of the cycle.</summary>
    public const string PlanApproved = "plan-approved";

    /// <summary>A plan cycle withdrawn by the planning office (<c>POST /api/cycles/{businessKey}/withdraw</c>), with the reason: to every participant of the cycle.</summary>
    public const string CycleWithdrawn = "cycle-withdrawn";

    /// <summary>The daily digest of a user's open and overdue tasks (opt-in, <see cref="NotificationDigestJob"/>).</summary>
    public const string Digest = "digest";

    /// <summary>
    /// A mail of a BPMN send task with topic <c>mail.send</c> (<see cref="SendTaskMailHandler"/>): its template is the one the
    /// task names (e.g. <c>invitation</c>), its recipients the task's <c>to</c> and <c>cc</c>.
    /// </summary>
    public const string ProcessMail = "process-mail";

    /// <summary>Every kind, in the order people choose their delivery.</summary>
    public static IReadOnlyList<string> All { get; } = [TaskOffered, TaskAssigned, TaskReminder, TaskEscalated, Decision, PlanApproved, CycleWithdrawn, ProcessMail, Digest];

    /// <summary>The kinds whose template is named after them, checked at start-up: all but <see cref="ProcessMail"/>.</summary>
    public static IReadOnlyList<string> WithOwnTemplate { get; } = [.. All.Where(k => k != ProcessMail)];

    /// <summary>Whether the data of <paramref name="kind"/> is a <see cref="TaskMailData"/> (the task kinds and the digest).</summary>
    public static bool ListsTasks(string kind) => IsFoldable(kind) || kind == Digest;

    /// <summary>
    /// Whether mails of <paramref name="kind"/> to one person within <see cref="NotificationOptions.FoldWindow"/>
    /// are folded into one message listing the tasks: the task kinds.
    /// </summary>
    public static bool IsFoldable(string kind) => kind is TaskOffered or TaskAssigned or TaskReminder or TaskEscalated;
}
