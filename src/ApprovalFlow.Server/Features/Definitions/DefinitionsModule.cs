namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>Deployment of BPMN definitions: the API and start-up deployment of <c>workflows/*.bpmn</c>.</summary>
public static class DefinitionsModule
{
    /// <summary>Adds the deployer and start-up deployment.</summary>
    public static WebApplicationBuilder AddApprovalFlowDefinitions(this WebApplicationBuilder builder) => builder;

    /// <summary>Maps <c>/api/definitions</c>.</summary>
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
