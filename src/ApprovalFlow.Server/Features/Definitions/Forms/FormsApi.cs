using System.Text.Json;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>Handlers of <c>/api/forms</c>.</summary>
internal static class FormsApi
{
    /// <summary>
    /// Deploys a form: 201 with the new version, 200 when the same schema was already deployed (same
    /// version), 400 without key or schema, 422 with <c>errors</c> (each problem by path) when the server cannot check it.
    /// </summary>
    public static async Task<Results<Created<FormVersionResponse>, Ok<FormVersionResponse>, ProblemHttpResult>> DeployAsync(
        DeployFormRequest? request, FormDeployer deployer, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (request is not { Key: { Length: > 0 } key, Schema: { ValueKind: JsonValueKind.Object } schema })
        {
            return TypedResults.Problem(
                "Send {\"key\": \"...\", \"schema\": {...}}: the form key and the form-js schema as a JSON object.", statusCode: StatusCodes.Status400BadRequest, title: "Form missing");
        }

        switch (await deployer.DeployAsync(key, schema.GetRawText(), user.Id, cancellationToken))
        {
            case FormRejected rejected:
                return Invalid(key, rejected.Problems);
            case FormDeployed { Form: var form, IsNew: var isNew }:
                var response = Version(form);
                return isNew ? TypedResults.Created($"/api/forms/{Uri.EscapeDataString(key)}/versions/{form.Version}", response) : TypedResults.Ok(response);
            default:
                throw new InvalidOperationException("Unknown form deployment result.");
        }
    }

    /// <summary>Every form key with its latest version, by key, a page at a time.</summary>
    public static async Task<Ok<FormPage>> ListAsync(ApprovalFlowDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = 50)
    {
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var latest = db.Forms.AsNoTracking().Where(f => f.Version == db.Forms.Where(o => o.Key == f.Key).Max(o => o.Version));
        var total = await latest.CountAsync(cancellationToken);
        var items = await latest.OrderBy(f => f.Key).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(f => new FormSummaryResponse(f.Key, f.Name, f.Version, f.DeployedAt, f.DeployedBy))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new FormPage(items, total));
    }

    /// <summary>The versions of <paramref name="key"/>, oldest first; 404 when the key was never deployed.</summary>
    public static async Task<Results<Ok<List<FormVersionResponse>>, ProblemHttpResult>> GetVersionsAsync(
        string key, ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var versions = await db.Forms.AsNoTracking().Where(f => f.Key == key).OrderBy(f => f.Version)
            .Select(f => new FormVersionResponse(f.Key, f.Version, f.Name, f.Sha256, f.DeployedAt, f.DeployedBy))
            .ToListAsync(cancellationToken);
        return versions.Count == 0 ? UnknownKey(key) : TypedResults.Ok(versions);
    }

    /// <summary>The schema of one version as deployed (<c>application/json</c>); 404 when missing.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSchemaAsync(
        string key, int version, ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var schema = await db.Forms.AsNoTracking().Where(f => f.Key == key && f.Version == version).Select(f => f.Schema).FirstOrDefaultAsync(cancellationToken);
        if (schema is not null)
        {
            return TypedResults.Text(schema, "application/json");
        }

        return await db.Forms.AnyAsync(f => f.Key == key, cancellationToken)
            ? TypedResults.Problem($"Form '{key}' has no version {version}.", statusCode: StatusCodes.Status404NotFound, title: "Form version not found")
            : UnknownKey(key);
    }

    /// <summary>The API shape of a stored version.</summary>
    public static FormVersionResponse Version(FormRecord form) => new(form.Key, form.Version, form.Name, form.Sha256, form.DeployedAt, form.DeployedBy);

    /// <summary>The 422 problem of a refused form: the first problem in <c>detail</c>, every one in <c>errors</c>.</summary>
    public static ProblemHttpResult Invalid(string key, IReadOnlyList<FormProblem> problems) =>
        TypedResults.Problem(
            $"The form '{key}' cannot be checked by the server: {problems[0]}{(problems.Count > 1 ? $"; {problems.Count - 1} more problem(s)" : string.Empty)}.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Invalid form",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new FormProblemResponse(p.Path, p.ComponentId, p.Key, p.Code, p.Value, p.Message)).ToList(),
            });

    private static ProblemHttpResult UnknownKey(string key) =>
        TypedResults.Problem($"No form with the key '{key}' is deployed.", statusCode: StatusCodes.Status404NotFound, title: "Form not found");
}
