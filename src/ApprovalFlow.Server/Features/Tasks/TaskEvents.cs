using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>History rows the host writes about a user task (claims, comments, attachments), beside the engine's own.</summary>
internal static class TaskEvents
{
    /// <summary>A history row of <paramref name="task"/>: its instance, node and API task id, the actor and the extra facts.</summary>
    /// <param name="task">The task.</param>
    /// <param name="at">When (UTC).</param>
    /// <param name="type">What happened.</param>
    /// <param name="actor">The user id of who acted.</param>
    /// <param name="data">Extra facts serialised as a JSON object, or <see langword="null"/>.</param>
    public static HistoryEventRecord For(UserTaskRecord task, DateTimeOffset at, HistoryEventType type, string actor, object? data = null) => new()
    {
        InstanceId = task.InstanceId,
        At = at,
        Type = type,
        NodeId = task.NodeId,
        TaskId = task.Id.ToString(),
        Actor = actor,
        Data = data is null ? null : JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web),
    };
}
