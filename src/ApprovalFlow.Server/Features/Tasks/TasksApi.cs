namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>The Tasks API.</summary>
public static class TasksApi
{
    /// <summary>Maps <c>/api/tasks</c>.</summary>
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
