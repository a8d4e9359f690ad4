using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions.Forms;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>Deployment of BPMN definitions: the API and start-up deployment of <c>workflows/*.bpmn</c>.</summary>
public static class DefinitionsModule
{
    /// <summary>
    /// Adds <see cref="DefinitionDeployer"/> (scoped), <see cref="WorkflowsOptions"/> (validated at
    /// start), <see cref="FormDeployer"/> (scoped), <see cref="TaskForms"/> and the start-up deployment of the workflows
    /// folder: its forms first, then its BPMN files (whose form keys must name deployed forms). Call after
    /// <c>AddApprovalFlowData</c>: hosted services start in registration order, so the database is migrated first.
    /// </summary>
    public static WebApplicationBuilder AddApprovalFlowDefinitions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WorkflowsOptions>().BindConfiguration(WorkflowsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<DefinitionDeployer>();
        builder.Services.TryAddScoped<DeploymentChecks>();
        builder.Services.TryAddScoped<MessageStartChecks>();
        builder.Services.TryAddScoped<CalledStartChecks>();
        builder.Services.TryAddScoped<Messages.MessageStarts>();
        builder.Services.TryAddScoped<FormDeployer>();
        builder.Services.AddSingleton<TaskForms>();
        builder.Services.AddHostedService<FormFolderDeployer>();
        builder.Services.AddHostedService<WorkflowFolderDeployer>();
        return builder;
    }

    /// <summary>
    /// Maps <c>/api/definitions</c> (signed-in users; deploying needs <see cref="Policies.ProcessOwner"/>):
    /// <c>POST /</c> deploys, <c>GET /</c> lists keys with their latest version,
    /// <c>GET /{key}</c> lists a key's versions, <c>GET /{key}/versions/{version}/xml</c> downloads a version's file.
    /// </summary>
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var definitions = endpoints.MapGroup("/api/definitions").WithTags("Definitions").RequireAuthorization(Policies.SignedIn).WithProblemResponses(StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        definitions.MapPost("/", DefinitionsApi.DeployAsync)
            .RequireAuthorization(Policies.ProcessOwner)
            .Accepts<string>("application/xml", "text/xml", "multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("DeployDefinition")
            .WithSummary("Deploys a BPMN 2.0 file (application/xml body, or the multipart field 'file').")
            .WithDescription(
                "201 when a process of the file got a new version, 200 when the same content was already deployed (same version). "
                + "Each process of the file is deployed as a version of its own key; the answer carries the first one as {id, key, version, name} "
                + "and all of them in 'processes' (with executable=false for isExecutable=\"false\": stored to be viewed, never started). "
                + "An invalid file gets a 422 problem with errors: [{elementId, line, column, code, message}], also for literal candidate groups or users "
                + "the directory lacks (unknown-group, naming the closest group ids; unknown-user) and form keys naming no deployed form (unknown-form) or, for page:NAME keys, no task page of the server (unknown-page). "
                + "Process owners and admins only.");
        definitions.MapGet("/", DefinitionsApi.ListAsync)
            .WithName("ListDefinitions")
            .WithSummary("Every definition key with its latest version and its running instances (runningInstances, all versions).");
        definitions.MapGet("/{key}", DefinitionsApi.GetVersionsAsync)
            .WithName("GetDefinitionVersions")
            .WithSummary("The deployed versions of a definition key, oldest first, each with its running instances (runningInstances) and, for the latest, the next timer start (nextTimerStartAt, UTC).");
        definitions.MapGet("/{key}/versions/{version:int}/xml", DefinitionsApi.GetXmlAsync)
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .WithName("GetDefinitionXml")
            .WithSummary("The BPMN file of one version, as deployed.");
        return endpoints;
    }
}
