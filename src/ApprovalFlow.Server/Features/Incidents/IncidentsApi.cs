namespace ApprovalFlow.Server.Features.Incidents;

/// <summary>The Incidents API.</summary>
public static class IncidentsApi
{
    /// <summary>Maps <c>/api/incidents</c>.</summary>
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
