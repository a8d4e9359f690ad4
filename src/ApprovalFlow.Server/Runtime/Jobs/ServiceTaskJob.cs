using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.ServiceTasks;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime.Jobs;

/// <summary>
/// Hangfire job that runs a service task's handler and reports the outcome to the engine: done,
/// BPMN error, or a failed attempt (the engine schedules the retry or raises the incident).
/// </summary>
public sealed partial class ServiceTaskJob(
    InstanceRunner runner, ApprovalFlowDbContext db, DefinitionCatalog catalog, IEnumerable<IServiceTaskHandler> handlers, ILogger<ServiceTaskJob> logger)
{
    /// <summary>Runs job <paramref name="jobId"/> of instance <paramref name="instanceId"/> unless it is no longer pending.</summary>
    public async Task RunAsync(Guid instanceId, string jobId, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        var job = instance?.State.Jobs.Find(j => j.Id == jobId);
        if (instance is null || job is null || job.Failed)
        {
            return;
        }

        var handler = handlers.FirstOrDefault(h => h.Topic == job.Topic);
        if (handler is null)
        {
            await runner.ExecuteAsync(instanceId, new FailJob(jobId, $"No handler is registered for topic '{job.Topic}'."), cancellationToken);
            return;
        }

        var definition = await catalog.GetAsync(instance.DefinitionId, cancellationToken);
        var context = new ServiceTaskContext(
            instanceId, instance.BusinessKey, jobId, job.NodeId, job.Topic, job.RetriesLeft, instance.State.VisibleVariables(job.ExecutionId),
            definition.Process.Node(job.NodeId).Properties, definition.Name ?? definition.Key);
        EngineCommand report;
        ServiceTaskWrites? writes = null;
        try
        {
            var result = await handler.HandleAsync(context, cancellationToken);
            writes = (result as ServiceTaskResult.Completed)?.Writes;
            report = result switch
            {
                ServiceTaskResult.Completed done => new CompleteJob(jobId, done.Variables),
                ServiceTaskResult.BpmnError error => new ThrowBpmnError(jobId, error.ErrorCode, error.Message, error.Variables),
                _ => throw new InvalidOperationException("Unknown service task result."),
            };
        }
#pragma warning disable CA1031 // A handler's failure of any kind is a failed attempt, reported to the engine, never lost.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(logger, e, job.Topic, instanceId, jobId);
            report = new FailJob(jobId, $"{e.GetType().Name}: {e.Message}");
        }

        await runner.ExecuteAsync(instanceId, report, writes, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service task handler {Topic} failed for instance {InstanceId}, job {JobId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string topic, Guid instanceId, string jobId);
}
