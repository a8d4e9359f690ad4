namespace ApprovalFlow.Server.Features.Audit;

/// <summary>The kinds of admin action the audit log records (<see cref="AuditEntryRecord.Action"/>), with the target each names.</summary>
public static class AuditActions
{
    /// <summary>An admin assigned a task (target: task id; changes: <c>from</c>, <c>to</c>).</summary>
    public const string TaskAssign = "task.assign";

    /// <summary>An admin handed over a task another user held (target: task id; changes: <c>from</c>, <c>to</c>, <c>note</c>).</summary>
    public const string TaskHandOver = "task.handover";

    /// <summary>An admin closed a day of the business calendar (target: ISO date; changes: <c>reason</c>).</summary>
    public const string CalendarClose = "calendar.close";

    /// <summary>An admin reopened a closed day (target: ISO date; changes: <c>reason</c> of the removed closure).</summary>
    public const string CalendarReopen = "calendar.reopen";

    /// <summary>A BPMN file deployed new definition versions (target: the first new key; changes: <c>versions</c>, <c>fromDraft</c>).</summary>
    public const string DefinitionDeploy = "definition.deploy";

    /// <summary>A task form deployed a new version (target: form key; changes: <c>version</c>).</summary>
    public const string FormDeploy = "form.deploy";

    /// <summary>A migration of instances started (target: migration id; changes: <c>key</c>, <c>from</c>, <c>to</c>, <c>instances</c>, <c>mapping</c>).</summary>
    public const string InstanceMigrate = "instance.migrate";

    /// <summary>An admin resent a notification (target: notification id; changes: <c>status</c> before, <c>recipient</c>).</summary>
    public const string NotificationResend = "notification.resend";

    /// <summary>A plan cycle was withdrawn (target: cycle business key; changes: <c>reason</c>, <c>instance</c>).</summary>
    public const string CycleWithdraw = "cycle.withdraw";

    /// <summary>An instance was cancelled (target: instance id; changes: <c>definition</c>, <c>reason</c>).</summary>
    public const string InstanceCancel = "instance.cancel";

    /// <summary>An incident was retried (target: incident id; changes: <c>instance</c>, <c>node</c>).</summary>
    public const string IncidentRetry = "incident.retry";

    /// <summary>Every kind, in the order the audit page offers them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [TaskAssign, TaskHandOver, CalendarClose, CalendarReopen, DefinitionDeploy, FormDeploy, InstanceMigrate, NotificationResend, CycleWithdraw, InstanceCancel, IncidentRetry];
}
