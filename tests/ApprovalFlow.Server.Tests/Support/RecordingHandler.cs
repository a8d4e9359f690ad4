using System.Collections.Concurrent;
using System.Text.Json;
using ApprovalFlow.Server.Runtime.ServiceTasks;

namespace ApprovalFlow.Server.Tests.Support;

/// <summary>Service-task handlers for tests: count calls per instance and succeed, fail always, or fail once.</summary>
public abstract class RecordingHandler(string topic) : IServiceTaskHandler
{
    public static ConcurrentDictionary<(string Topic, Guid InstanceId), int> Calls { get; } = new();

    public string Topic { get; } = topic;

    public Task<ServiceTaskResult> HandleAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        var attempt = Calls.AddOrUpdate((Topic, context.InstanceId), 1, (_, n) => n + 1);
        return Task.FromResult(Handle(context, attempt));
    }

    protected abstract ServiceTaskResult Handle(ServiceTaskContext context, int attempt);

    public static int CallsFor(string topic, Guid instanceId) => Calls.TryGetValue((topic, instanceId), out var n) ? n : 0;
}

public sealed class EchoHandler() : RecordingHandler("test.echo")
{
    protected override ServiceTaskResult Handle(ServiceTaskContext context, int attempt) =>
        new ServiceTaskResult.Completed(new Dictionary<string, JsonElement> { ["loadedFor"] = JsonSerializer.SerializeToElement(context.Variables["worker"]) });
}

public sealed class FailingHandler() : RecordingHandler("test.fail")
{
    protected override ServiceTaskResult Handle(ServiceTaskContext context, int attempt) =>
        throw new InvalidOperationException($"directory offline (attempt {attempt})");
}

/// <summary>Fails its first two attempts per instance, then succeeds.</summary>
public sealed class FlakyHandler() : RecordingHandler("test.flaky")
{
    protected override ServiceTaskResult Handle(ServiceTaskContext context, int attempt) =>
        attempt <= 2 ? throw new InvalidOperationException($"directory offline (attempt {attempt})") : new ServiceTaskResult.Completed();
}
