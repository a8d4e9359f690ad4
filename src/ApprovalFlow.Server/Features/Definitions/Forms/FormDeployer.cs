using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>
/// Checks a form-js schema with <see cref="FormReader"/> (what the server cannot check is refused) and stores
/// it as a version of its key: the same content deploys once per key (the same SHA-256 of the UTF-8 text, or
/// JSON equal to the latest version's, as when the editor deploys an unchanged form with other spacing); new
/// content gets the key's next version. Scoped (one <see cref="ApprovalFlowDbContext"/>); not thread-safe. Concurrent
/// deployments across processes and servers are safe: deployments of one key take turns (<see cref="DeployLock"/>).
/// </summary>
public sealed partial class FormDeployer(ApprovalFlowDbContext db, TimeProvider time, Audit.AuditTrail audit, ILogger<FormDeployer> logger)
{
    /// <summary>Keys starting with this prefix name planning pages, not forms: <c>camunda:formKey="page:..."</c>.</summary>
    public const string PagePrefix = "page:";

    private const int MaxKeyLength = 200;
    private const int MaxNameLength = 500;

    /// <summary>
    /// Checks and deploys <paramref name="schema"/> as form <paramref name="key"/>.
    /// </summary>
    /// <param name="key">The form key: 1 to 200 letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting with a letter or digit.</param>
    /// <param name="schema">The form-js schema (JSON text); its optional root <c>name</c> is the form's name for people.</param>
    /// <param name="deployedBy">The deploying user's id, or <see cref="DefinitionDeployer.SystemUser"/>.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns><see cref="FormDeployed"/>, or <see cref="FormRejected"/> with every problem; nothing is stored then.</returns>
    /// <exception cref="DbUpdateException">The database refused the row.</exception>
    public async Task<FormDeploymentResult> DeployAsync(string key, string schema, string deployedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentException.ThrowIfNullOrEmpty(deployedBy);
        var (problems, name) = Check(key, schema);
        if (problems.Count > 0)
        {
            var first = problems[0];
            FormsLog.Rejected(logger, key, problems.Count, deployedBy, first.Code, first.ComponentId);
            return new FormRejected(problems);
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schema)));
        return await SaveAsync(key, name, schema, sha256, deployedBy, cancellationToken);
    }

    /// <summary>Every problem of <paramref name="schema"/> as form <paramref name="key"/> (empty when it can be deployed), and its name.</summary>
    /// <param name="key">The form key.</param>
    /// <param name="schema">The form-js schema (JSON text).</param>
    internal static (IReadOnlyList<FormProblem> Problems, string? Name) Check(string key, string schema)
    {
        var problems = new List<FormProblem>();
        if (key.StartsWith(PagePrefix, StringComparison.Ordinal))
        {
            problems.Add(new FormProblem(string.Empty, null, null, FormProblemCodes.ReservedKey, key, $"form keys starting with '{PagePrefix}' are reserved for planning pages"));
        }
        else if (key.Length > MaxKeyLength || !KeyPattern().IsMatch(key))
        {
            problems.Add(new FormProblem(string.Empty, null, null, FormProblemCodes.InvalidFormKey, key,
                $"the form key '{key}' must be 1 to {MaxKeyLength} letters, digits, '.', '_' and '-', starting with a letter or digit"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schema);
        }
        catch (JsonException e)
        {
            problems.Add(new FormProblem(string.Empty, null, null, FormProblemCodes.InvalidJson, null, $"not valid JSON: {e.Message}"));
            return (problems, null);
        }

        using (document)
        {
            FormReader.Read(key, document.RootElement, problems);
            var name = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
            if (name is { Length: > MaxNameLength })
            {
                problems.Add(new FormProblem("name", null, null, FormProblemCodes.NameTooLong, null, $"the name has {name.Length} characters; at most {MaxNameLength} are allowed"));
            }

            return (problems, string.IsNullOrWhiteSpace(name) ? null : name.Trim());
        }
    }

    private async Task<FormDeployed> SaveAsync(string key, string? name, string schema, string sha256, string deployedBy, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DeployLock.AcquireAsync(db, DeployLock.FormKeys, [key], cancellationToken);
        var existing = await db.Forms.AsNoTracking().Where(f => f.Key == key && f.Sha256 == sha256).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            FormsLog.Unchanged(logger, key, existing.Version);
            return new FormDeployed(existing, IsNew: false);
        }

        var latest = await db.Forms.AsNoTracking().Where(f => f.Key == key).OrderByDescending(f => f.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && SameJson(latest.Schema, schema))
        {
            FormsLog.Unchanged(logger, key, latest.Version);
            return new FormDeployed(latest, IsNew: false);
        }

        var now = time.GetUtcNow();
        var record = new FormRecord
        {
            Id = Guid.CreateVersion7(now),
            Key = key,
            Version = (latest?.Version ?? 0) + 1,
            Name = name,
            Schema = schema,
            Sha256 = sha256,
            DeployedAt = now,
            DeployedBy = deployedBy,
        };
        db.Forms.Add(record);
        await audit.AddAsync(db, Audit.AuditActions.FormDeploy, key, new { version = record.Version, name }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        FormsLog.Deployed(logger, key, record.Version, deployedBy);
        return new FormDeployed(record, IsNew: true);
    }

    private static bool SameJson(string stored, string schema)
    {
        using var left = JsonDocument.Parse(stored);
        using var right = JsonDocument.Parse(schema);
        return JsonElement.DeepEquals(left.RootElement, right.RootElement);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

/// <summary>The outcome of <see cref="FormDeployer.DeployAsync"/>: <see cref="FormDeployed"/> or <see cref="FormRejected"/>.</summary>
public abstract record FormDeploymentResult;

/// <summary>The form is stored (or was already, with the same content).</summary>
/// <param name="Form">The stored version.</param>
/// <param name="IsNew"><see langword="true"/> when this deployment created the version.</param>
public sealed record FormDeployed(FormRecord Form, bool IsNew) : FormDeploymentResult;

/// <summary>The schema cannot be checked by the server; nothing was stored.</summary>
/// <param name="Problems">Every problem, in schema order; never empty.</param>
internal sealed record FormRejected(IReadOnlyList<FormProblem> Problems) : FormDeploymentResult;
