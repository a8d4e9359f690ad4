using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Pages.Definitions;

/// <summary>What became of an uploaded <c>.bpmn</c> file.</summary>
/// <param name="Status">The HTTP status <c>POST /api/definitions</c> answered (201, 200, 400, 413, 415 or 422).</param>
/// <param name="Deployed">The file's first process as deployed, or <see langword="null"/> when refused.</param>
/// <param name="Errors">Every error of a refused BPMN file (422), ordered by line; empty otherwise.</param>
public sealed record UploadOutcome(int Status, DeployedProcessResponse? Deployed, IReadOnlyList<DefinitionErrorResponse> Errors);

/// <summary>
/// The upload of a BPMN file from the definitions page: the request's multipart field <c>file</c> goes
/// through <c>POST /api/definitions</c>'s own handler (<see cref="DefinitionsApi.DeployAsync"/>: the same
/// 5 MiB limit, encodings, validation and directory checks), so the page deploys exactly what the API would.
/// </summary>
internal static class UploadForm
{
    /// <summary>The file input's name (the API's multipart field).</summary>
    public const string Field = DefinitionsApi.FileField;

    /// <summary>Deploys the uploaded file as <paramref name="user"/> and says what happened; nothing is stored when it is refused.</summary>
    public static async Task<UploadOutcome> DeployAsync(HttpRequest request, DefinitionDeployer deployer, ICurrentUser user, CancellationToken cancellationToken)
    {
        var result = (await DefinitionsApi.DeployAsync(request, deployer, user, cancellationToken)).Result;
        return result switch
        {
            Created<DeploymentResponse> { Value: { } created } => new(StatusCodes.Status201Created, created.Processes[0], []),
            Ok<DeploymentResponse> { Value: { } same } => new(StatusCodes.Status200OK, same.Processes[0], []),
            ProblemHttpResult problem => new(
                problem.StatusCode,
                null,
                problem.ProblemDetails.Extensions.TryGetValue("errors", out var errors) && errors is IReadOnlyList<DefinitionErrorResponse> list ? list : []),
            _ => throw new InvalidOperationException($"POST /api/definitions answered {result.GetType().Name}."),
        };
    }
}
