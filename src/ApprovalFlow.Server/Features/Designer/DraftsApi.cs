using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Designer;

/// <summary>Handlers of <c>/api/definitions/{key}/draft</c>: the signed-in process owner's own draft of a definition.</summary>
internal static class DraftsApi
{
    /// <summary>The user's draft of <paramref name="key"/>; 404 when there is none.</summary>
    public static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> GetAsync(
        string key, DefinitionDrafts drafts, ICurrentUser user, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(key, user.Id, cancellationToken);
        return draft is null
            ? NoDraft(key)
            : TypedResults.Ok(new DraftResponse(draft.Key, draft.SavedAt, draft.BaseVersion, draft.BpmnXml));
    }

    /// <summary>Saves the user's draft of <paramref name="key"/>: 200 with when; 400 for a bad key or body, 413 over 5 MiB, 422 when the XML is no BPMN file.</summary>
    public static async Task<Results<Ok<DraftSavedResponse>, ProblemHttpResult>> SaveAsync(
        string key, SaveDraftRequest? request, DefinitionDrafts drafts, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Xml))
        {
            return TypedResults.Problem("Send the draft as JSON {\"xml\": \"<bpmn:definitions …>\", \"baseVersion\": 3}; the xml is missing.",
                statusCode: StatusCodes.Status400BadRequest, title: "Draft missing");
        }

        if (request.BaseVersion is <= 0)
        {
            return TypedResults.Problem($"baseVersion must be a deployed version (1 or more) or null for a new definition; got {request.BaseVersion}.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid base version");
        }

        var (draft, refusal) = await drafts.SaveAsync(key, user.Id, request.Xml, request.BaseVersion, cancellationToken);
        if (refusal is not null)
        {
            var (status, title) = refusal.Kind switch
            {
                DraftRefusalKind.InvalidKey => (StatusCodes.Status400BadRequest, "Invalid definition key"),
                DraftRefusalKind.TooLarge => (StatusCodes.Status413PayloadTooLarge, "Draft too large"),
                _ => (StatusCodes.Status422UnprocessableEntity, "Not a BPMN file"),
            };
            return TypedResults.Problem(refusal.Detail, statusCode: status, title: title);
        }

        return TypedResults.Ok(new DraftSavedResponse(draft!.Key, draft.SavedAt, draft.BaseVersion));
    }

    /// <summary>Discards the user's draft of <paramref name="key"/>: 204, or 404 when there was none.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string key, DefinitionDrafts drafts, ICurrentUser user, CancellationToken cancellationToken) =>
        await drafts.DeleteAsync(key, user.Id, cancellationToken) ? TypedResults.NoContent() : NoDraft(key);

    /// <summary>
    /// Deploys the user's draft of <paramref name="key"/> through <see cref="DefinitionDeployer"/> (the same validation
    /// as <c>POST /api/definitions</c>), recording the draft on the new version and then discarding the draft:
    /// 201 with the new version, 200 when the same content was already deployed, 404 without a draft, 422 with
    /// <c>errors</c> when the file is invalid or has no process <paramref name="key"/>.
    /// </summary>
    public static async Task<Results<Created<DeploymentResponse>, Ok<DeploymentResponse>, ProblemHttpResult>> DeployAsync(
        string key, DefinitionDrafts drafts, DefinitionDeployer deployer, ICurrentUser user, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(key, user.Id, cancellationToken);
        if (draft is null)
        {
            return NoDraft(key);
        }

        if (!DefinitionDrafts.HasProcess(draft.BpmnXml, key))
        {
            return DefinitionsApi.Invalid(new DeploymentRejected([new BpmnDiagnostic(null, 0, 0, "draft-key-mismatch",
                $"The draft of '{key}' has no process with the id '{key}'; keep the process id equal to the definition key.")]));
        }

        var result = await deployer.DeployDraftAsync(draft.BpmnXml, user.Id, new DraftOrigin(user.Id, draft.SavedAt), cancellationToken);
        if (result is DeploymentRejected rejected)
        {
            return DefinitionsApi.Invalid(rejected);
        }

        var deployed = (DefinitionsDeployed)result;
        var own = deployed.Processes.First(p => p.Key == key);
        await drafts.DeleteAsync(key, user.Id, cancellationToken);
        var processes = deployed.Processes.Select(p => new DeployedProcessResponse(p.Id, p.Key, p.Version, p.Name, p.IsExecutable)).ToList();
        var response = new DeploymentResponse(own.Id, own.Key, own.Version, own.Name, processes);
        return deployed.AnyNew
            ? TypedResults.Created($"/api/definitions/{Uri.EscapeDataString(key)}", response)
            : TypedResults.Ok(response);
    }

    private static ProblemHttpResult NoDraft(string key) =>
        TypedResults.Problem($"You have no draft of the definition '{key}'.", statusCode: StatusCodes.Status404NotFound, title: "Draft not found");
}
