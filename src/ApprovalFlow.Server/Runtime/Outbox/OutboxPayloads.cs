using System.Text.Json;

namespace ApprovalFlow.Server.Runtime.Outbox;

/// <summary>Kinds of <see cref="Data.OutboxMessage"/> and their payloads.</summary>
internal static class OutboxKinds
{
    public const string RunServiceTask = "run-service-task";
    public const string NotifyParent = "notify-parent";
    public const string PropagateError = "propagate-error";
    public const string ScheduleReminders = "schedule-reminders";
    public const string CancelReminders = "cancel-reminders";
    public const string SendNotification = "send-notification";
    public const string BroadcastSignal = "broadcast-signal";
    public const string DeliverSignal = "deliver-signal";
    public const string PropagateEscalation = "propagate-escalation";
    public const string ScheduleTimerStart = "schedule-timer-start";
}

/// <summary>Run a service task's handler not before <paramref name="NotBefore"/>.</summary>
internal sealed record RunServiceTaskPayload(Guid InstanceId, string JobId, string Topic, DateTimeOffset NotBefore);

/// <summary>Resume a parent's call activity with a completed child's variables.</summary>
internal sealed record NotifyParentPayload(Guid ParentInstanceId, string ParentExecutionId, Guid ChildInstanceId);

/// <summary>
/// Throw a BPMN error a child did not catch at the parent's call activity (BPMN 2.0.2 §10.4.3), with its message
/// (<see langword="null"/> when it has none, and in rows written before the message was carried).
/// </summary>
internal sealed record PropagateErrorPayload(Guid ParentInstanceId, string ParentExecutionId, Guid ChildInstanceId, string ErrorCode, string Origin, string? ErrorMessage = null);

/// <summary>
/// Schedule the reminders of a new task with a due date; <paramref name="TaskName"/> and
/// <paramref name="Process"/> (definition key and business key) name the jobs in Hangfire's dashboard.
/// </summary>
internal sealed record ScheduleRemindersPayload(Guid TaskId, DateTimeOffset DueAt, string? Policy, string? EscalationGroup, string TaskName, string Process);

/// <summary>Delete the scheduled reminder jobs of a task that closed (completed or cancelled).</summary>
internal sealed record CancelRemindersPayload(Guid TaskId);

/// <summary>
/// Hand a notification to its Hangfire job; a <paramref name="Fold"/> one waits <c>Notifications:FoldWindow</c>
/// after it was written, so the person's other task mails of the window go out in the same message.
/// </summary>
internal sealed record SendNotificationPayload(Guid NotificationId, bool Fold);

/// <summary>Broadcast a signal thrown by instance <paramref name="ThrownBy"/> to every other waiting instance and to signal start events (BPMN 2.0.2 §10.5.5).</summary>
internal sealed record BroadcastSignalPayload(Guid DeliveryId, string SignalName, JsonElement Variables, Guid ThrownBy);

/// <summary>Deliver the recorded targets of a signal broadcast, in <paramref name="Chunks"/> Hangfire jobs.</summary>
internal sealed record DeliverSignalPayload(Guid DeliveryId, int Chunks);

/// <summary>Throw an escalation a child did not catch at the parent's call activity (BPMN 2.0.2 §10.5.3).</summary>
internal sealed record PropagateEscalationPayload(Guid ParentInstanceId, string ParentExecutionId, Guid ChildInstanceId, string? EscalationCode, string Origin);

/// <summary>Schedule the Hangfire job of a timer start event's next firing (BPMN 2.0.2 §10.5.2).</summary>
internal sealed record ScheduleTimerStartPayload(Guid ScheduleId, DateTimeOffset DueAt);
