using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>The task forms' API.</summary>
public static class FormsModule
{
    /// <summary>
    /// Maps <c>/api/forms</c> (signed-in users; deploying needs <see cref="Policies.ProcessOwner"/>):
    /// <c>POST /</c> deploys, <c>GET /</c> lists keys with their latest version (a page),
    /// <c>GET /{key}</c> lists a key's versions, <c>GET /{key}/versions/{version}</c> gives a version's schema.
    /// </summary>
    public static IEndpointRouteBuilder MapFormsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var forms = endpoints.MapGroup("/api/forms").WithTags("Forms").RequireAuthorization(Policies.SignedIn).WithProblemResponses(StatusCodes.Status422UnprocessableEntity);

        forms.MapPost("/", FormsApi.DeployAsync)
            .RequireAuthorization(Policies.ProcessOwner)
            .WithName("DeployForm")
            .WithSummary("Deploys a form-js schema as a version of its key.")
            .WithDescription(
                "Body {key, schema}. 201 when the schema got a new version, 200 when the same schema was already deployed (same version). "
                + "A schema the server cannot check (unknown component type, file picker, condition beyond the supported FEEL subset, "
                + "invalid pattern, key that is not a dot-separated path, two fields on one path) gets a 422 problem with "
                + "errors: [{path, componentId, fieldKey, code, value, message}] and nothing is deployed. Process owners and admins only.");
        forms.MapGet("/", FormsApi.ListAsync)
            .WithName("ListForms")
            .WithSummary("Every form key with its latest version, by key: {items: [{key, name, version, deployedAt, deployedBy}], total}.");
        forms.MapGet("/{key}", FormsApi.GetVersionsAsync)
            .WithName("GetFormVersions")
            .WithSummary("The deployed versions of a form key, oldest first.");
        forms.MapGet("/{key}/versions/{version:int}", FormsApi.GetSchemaAsync)
            .Produces<string>(StatusCodes.Status200OK, "application/json")
            .WithName("GetFormSchema")
            .WithSummary("The form-js schema of one version, as deployed.");
        return endpoints;
    }
}
