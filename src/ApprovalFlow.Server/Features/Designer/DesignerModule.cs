using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Designer;

/// <summary>The process owners' designer: drafts of definitions saved server-side and deployed from the designer page.</summary>
public static class DesignerModule
{
    /// <summary>Adds <see cref="DefinitionDrafts"/> (scoped).</summary>
    public static WebApplicationBuilder AddApprovalFlowDesigner(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<DefinitionDrafts>();
        return builder;
    }

    /// <summary>
    /// Maps <c>/api/definitions/{key}/draft</c> for <see cref="Policies.ProcessOwner"/>: <c>GET</c>, <c>PUT</c> and
    /// <c>DELETE</c> the signed-in user's own draft, <c>POST /deploy</c> deploys it.
    /// </summary>
    public static IEndpointRouteBuilder MapDesignerApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var draft = endpoints.MapGroup("/api/definitions/{key}/draft").WithTags("Designer").RequireAuthorization(Policies.ProcessOwner).WithProblemResponses();
        draft.MapGet("", DraftsApi.GetAsync)
            .WithName("GetDefinitionDraft")
            .WithSummary("The signed-in user's draft of a definition (JSON with the BPMN file in 'xml'); 404 when there is none.");
        draft.MapPut("", DraftsApi.SaveAsync)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("SaveDefinitionDraft")
            .WithSummary("Saves the signed-in user's draft of a definition: JSON {xml, baseVersion}; the XML must be a well-formed BPMN 2.0 file of at most 5 MiB.");
        draft.MapDelete("", DraftsApi.DeleteAsync)
            .WithName("DeleteDefinitionDraft")
            .WithSummary("Discards the signed-in user's draft of a definition.");
        draft.MapPost("/deploy", DraftsApi.DeployAsync)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("DeployDefinitionDraft")
            .WithSummary("Deploys the signed-in user's draft with the checks of POST /api/definitions; the new version records the draft, which is then discarded.");
        return endpoints;
    }
}
