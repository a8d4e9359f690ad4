using ApprovalFlow.Engine.Commands;

namespace ApprovalFlow.Server.Runtime.Jobs;

/// <summary>Hangfire job that fires a BPMN timer; a timer whose token has moved on is a no-op.</summary>
public sealed class TimerJob(InstanceRunner runner)
{
    /// <summary>Fires timer <paramref name="timerId"/> of instance <paramref name="instanceId"/>.</summary>
    public Task FireAsync(Guid instanceId, string timerId, CancellationToken cancellationToken) =>
        runner.ExecuteAsync(instanceId, new FireTimer(timerId), cancellationToken);
}
