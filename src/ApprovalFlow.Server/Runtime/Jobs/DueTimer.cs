namespace ApprovalFlow.Server.Runtime.Jobs;

/// <summary>A due BPMN timer handed to a <see cref="TimerJob"/> (a Hangfire job argument, serialised as JSON).</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="TimerId">The engine's instance-local timer id.</param>
public sealed record DueTimer(Guid InstanceId, string TimerId);
