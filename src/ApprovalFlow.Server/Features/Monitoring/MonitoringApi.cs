using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Monitoring;

/// <summary>The monitoring API of a definition version, for admins and process owners.</summary>
public static class MonitoringApi
{
    /// <summary>Maps <c>/api/definitions/{key}/versions/{version}/statistics</c> (<see cref="Policies.ProcessOwner"/>; officials get 403).</summary>
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/definitions/{key}/versions/{version:int}/statistics").WithTags("Monitoring").RequireAuthorization(Policies.ProcessOwner);
        api.MapGet("/", GetAsync).WithName("GetVersionStatistics")
            .WithSummary("Per flow node of the version: tokens waiting now, open incidents, and how often and how long (median, p90 in seconds) tokens stayed there.");
        api.MapGet("/nodes/{nodeId}/instances", WaitingAsync).WithName("ListWaitingInstances")
            .WithSummary("The running instances of the version waiting at the node (business key, since when, assignees), latest arrival first, paged.");
        return endpoints;
    }

    /// <summary>The figures of every node of the version; 404 when the version does not exist.</summary>
    internal static async Task<Results<Ok<VersionStatisticsResponse>, ProblemHttpResult>> GetAsync(
        string key, int version, VersionStatistics statistics, CancellationToken cancellationToken)
    {
        var definition = await statistics.FindVersionAsync(key, version, cancellationToken);
        return definition is null ? UnknownVersion(key, version) : TypedResults.Ok(await statistics.DescribeAsync(definition, cancellationToken));
    }

    /// <summary>One page of the instances waiting at <paramref name="nodeId"/>; 404 when the version or the node does not exist.</summary>
    internal static async Task<Results<Ok<WaitingInstancePage>, ProblemHttpResult>> WaitingAsync(
        string key, int version, string nodeId, VersionStatistics statistics, CancellationToken cancellationToken, int page = 1, int pageSize = 20)
    {
        var definition = await statistics.FindVersionAsync(key, version, cancellationToken);
        if (definition is null)
        {
            return UnknownVersion(key, version);
        }

        if (!definition.Process.Definition.Nodes.ContainsKey(nodeId))
        {
            return TypedResults.Problem($"Version {version} of '{key}' has no flow node '{nodeId}'.", statusCode: StatusCodes.Status404NotFound, title: "Node not found");
        }

        (page, pageSize) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await statistics.WaitingAsync(definition, nodeId, page, pageSize, cancellationToken));
    }

    private static ProblemHttpResult UnknownVersion(string key, int version) =>
        TypedResults.Problem($"Definition '{key}' has no version {version}.", statusCode: StatusCodes.Status404NotFound, title: "Definition version not found");
}
