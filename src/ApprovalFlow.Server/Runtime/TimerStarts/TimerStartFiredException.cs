namespace ApprovalFlow.Server.Runtime.TimerStarts;

/// <summary>
/// Another run (on this node or another) fired the timer start firing first, or a redeploy replaced its
/// schedule, while this run started its instance; this run's start is rolled back.
/// </summary>
public sealed class TimerStartFiredException(Guid scheduleId, DateTimeOffset dueAt)
    : ApprovalFlowException($"The firing of timer start schedule {scheduleId} due at {dueAt:O} was taken already or replaced.");
