namespace ApprovalFlow.Server.Features.Instances;

/// <summary>The Instances API.</summary>
public static class InstancesApi
{
    /// <summary>Maps <c>/api/instances</c>.</summary>
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
