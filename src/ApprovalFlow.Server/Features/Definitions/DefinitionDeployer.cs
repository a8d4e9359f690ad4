using System.Security.Cryptography;
using System.Text;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// Validates a BPMN file and stores each of its processes as a version of its own key: the same
/// content (SHA-256 of the UTF-8 text) deploys once per key; new content gets the key's next version.
/// A file with several processes (a parent and the children it calls) stores each process as its own
/// row holding the whole file, in one transaction, so a change anywhere in the file gives every
/// process of it a new version. Scoped (one <see cref="ApprovalFlowDbContext"/>); not thread-safe.
/// Concurrent deployments across processes and servers are safe: deployments of one key take turns
/// (<see cref="DeployLock"/>). A new version is the latest of its key:
/// its timer start events replace the key's schedule in the same transaction (<see cref="Runtime.TimerStarts.TimerStartScheduler"/>).
/// </summary>
public sealed class DefinitionDeployer(
    ApprovalFlowDbContext db, DeploymentChecks checks, Notifications.SendTaskMailChecks mails, ExternalTasks.ExternalTaskTopics topics, MessageStartChecks messageStarts, CalledStartChecks calledStarts,
    Runtime.TimerStarts.TimerStartScheduler timerStarts, Runtime.OutboxSignal outbox, TimeProvider time, Audit.AuditTrail audit, ILogger<DefinitionDeployer> logger)
{
    /// <summary>The <see cref="ProcessDefinitionRecord.DeployedBy"/> of start-up deployments.</summary>
    public const string SystemUser = "system";

    private const int MaxKeyLength = 200;

    private const int MaxNameLength = 500;

    /// <summary>
    /// Parses, validates and deploys <paramref name="xml"/>, refusing it also when a user task names an
    /// unknown group, user or form (<see cref="DeploymentChecks"/>: a <c>camunda:formKey</c> must name a deployed form) or a
    /// <c>mail.send</c> task lacks its template or recipients (<see cref="Notifications.SendTaskMailChecks"/>), or, with the
    /// external task API off, a service task's topic has no handler (<see cref="ExternalTasks.ExternalTaskTopics"/>), a
    /// message start event's message already starts another definition (<see cref="MessageStartChecks"/>), a call activity
    /// calls a process without a none start event (<see cref="CalledStartChecks"/>), or a timer start event's expression
    /// cannot be evaluated now (<see cref="Runtime.TimerStarts.TimerStartScheduler.DeployErrors"/>).
    /// </summary>
    /// <param name="xml">The whole BPMN file; at most 5 MiB in UTF-8 (<see cref="BpmnParserOptions.DefaultMaxInputBytes"/>).</param>
    /// <param name="deployedBy">The deploying user's id, or <see cref="SystemUser"/>.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns><see cref="DefinitionsDeployed"/>, or <see cref="DeploymentRejected"/> with every error when the file is invalid.</returns>
    /// <exception cref="DbUpdateException">The database refused the rows.</exception>
    public Task<DeploymentResult> DeployAsync(string xml, string deployedBy, CancellationToken cancellationToken) =>
        DeployAsync(xml, deployedBy, DirectoryCheck.Refuse, cancellationToken);

    /// <summary>Like <see cref="DeployAsync(string, string, CancellationToken)"/>, with unknown groups and users refused or only logged.</summary>
    /// <param name="xml">The whole BPMN file; at most 5 MiB in UTF-8.</param>
    /// <param name="deployedBy">The deploying user's id, or <see cref="SystemUser"/>.</param>
    /// <param name="directory">Whether groups and users the directory lacks refuse the file or are logged as warnings.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns><see cref="DefinitionsDeployed"/>, or <see cref="DeploymentRejected"/> with every error when the file is invalid.</returns>
    /// <exception cref="DbUpdateException">The database refused the rows.</exception>
    public Task<DeploymentResult> DeployAsync(string xml, string deployedBy, DirectoryCheck directory, CancellationToken cancellationToken) =>
        DeployAsync(xml, deployedBy, directory, null, cancellationToken);

    /// <summary>
    /// Like <see cref="DeployAsync(string, string, CancellationToken)"/> for a designer draft: each new version records
    /// <paramref name="draft"/> (<see cref="ProcessDefinitionRecord.DraftUserId"/>, <see cref="ProcessDefinitionRecord.DraftSavedAt"/>).
    /// </summary>
    /// <param name="xml">The draft's BPMN file; at most 5 MiB in UTF-8.</param>
    /// <param name="deployedBy">The deploying user's id.</param>
    /// <param name="draft">The draft the file comes from.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns><see cref="DefinitionsDeployed"/>, or <see cref="DeploymentRejected"/> with every error when the file is invalid.</returns>
    /// <exception cref="DbUpdateException">The database refused the rows.</exception>
    public Task<DeploymentResult> DeployDraftAsync(string xml, string deployedBy, DraftOrigin draft, CancellationToken cancellationToken) =>
        DeployAsync(xml, deployedBy, DirectoryCheck.Refuse, draft, cancellationToken);

    private async Task<DeploymentResult> DeployAsync(string xml, string deployedBy, DirectoryCheck directory, DraftOrigin? draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentException.ThrowIfNullOrEmpty(deployedBy);
        var parsed = new BpmnParser().Parse(xml);
        IReadOnlyList<BpmnDiagnostic> errors = parsed.Errors;
        if (parsed.Document is { } document)
        {
            var unknownNames = await checks.DirectoryErrorsAsync(document, cancellationToken);
            errors = [.. parsed.Errors, .. StorageErrors(document), .. await checks.FormErrorsAsync(document, cancellationToken), .. mails.Errors(document), .. topics.DeployErrors(document), .. await messageStarts.ErrorsAsync(document, cancellationToken), .. await calledStarts.ErrorsAsync(document, cancellationToken), .. timerStarts.DeployErrors(document, time.GetUtcNow()), .. directory == DirectoryCheck.Refuse ? unknownNames : []];
            errors = [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
            if (errors.Count == 0 && directory == DirectoryCheck.Warn)
            {
                foreach (var unknown in unknownNames)
                {
                    DefinitionsLog.UnknownDirectoryName(logger, unknown.ElementId!, unknown.Line, unknown.Message);
                }
            }
        }

        if (errors.Count > 0 || parsed.Document is null)
        {
            var rejected = new DeploymentRejected(errors.Count > 0 ? errors : [new BpmnDiagnostic(null, 0, 0, DiagnosticCodes.NoProcess, "The file has no process.")]);
            DefinitionsLog.Rejected(logger, rejected.Errors.Count, deployedBy, rejected.Summary);
            return rejected;
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        return await SaveAsync(parsed.Document, xml, sha256, deployedBy, draft, cancellationToken);
    }

    private async Task<DefinitionsDeployed> SaveAsync(BpmnDocument document, string xml, string sha256, string deployedBy, DraftOrigin? draft, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DeployLock.AcquireAsync(db, DeployLock.DefinitionKeys, document.Processes.Select(p => p.Id), cancellationToken);

        var now = time.GetUtcNow();
        var versions = new List<DeployedVersion>();
        var becameLatest = new List<(Guid Id, ProcessDefinition Process)>();
        foreach (var process in document.Processes)
        {
            var existing = await db.Definitions.AsNoTracking()
                .Where(d => d.Key == process.Id && d.Sha256 == sha256)
                .Select(d => new DeployedVersion(d.Id, d.Key, d.Version, d.Name, false, d.IsExecutable))
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                versions.Add(existing);
                continue;
            }

            var latest = await db.Definitions.Where(d => d.Key == process.Id).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0;
            var record = new ProcessDefinitionRecord
            {
                Id = Guid.CreateVersion7(now),
                Key = process.Id,
                Version = latest + 1,
                Name = process.Name,
                IsExecutable = process.IsExecutable,
                BpmnXml = xml,
                Sha256 = sha256,
                DeployedAt = now,
                DeployedBy = deployedBy,
                DraftUserId = draft?.UserId,
                DraftSavedAt = draft?.SavedAt,
            };
            db.Definitions.Add(record);
            becameLatest.Add((record.Id, process));
            versions.Add(new DeployedVersion(record.Id, record.Key, record.Version, record.Name, true, record.IsExecutable));
        }

        await db.SaveChangesAsync(cancellationToken);
        var scheduled = false;
        foreach (var (id, process) in becameLatest)
        {
            scheduled |= await timerStarts.ReplaceAsync(db, id, process, now, cancellationToken);
        }

        if (versions.Find(v => v.IsNew) is { } first)
        {
            await audit.AddAsync(db, Audit.AuditActions.DefinitionDeploy, first.Key,
                new { versions = versions.Where(v => v.IsNew).Select(v => new { key = v.Key, version = v.Version }).ToArray(), sha256, fromDraft = draft is not null }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (scheduled)
        {
            outbox.Notify();
        }

        foreach (var version in versions)
        {
            if (version.IsNew)
            {
                DefinitionsLog.Deployed(logger, version.Key, version.Version, deployedBy);
            }
            else
            {
                DefinitionsLog.Unchanged(logger, version.Key, version.Version);
            }
        }

        return new DefinitionsDeployed(versions);
    }

    /// <summary>What the parser accepts but the table cannot hold.</summary>
    private static IEnumerable<BpmnDiagnostic> StorageErrors(BpmnDocument document)
    {
        foreach (var process in document.Processes)
        {
            if (process.Id.Length > MaxKeyLength)
            {
                yield return new BpmnDiagnostic(process.Id, process.Position.Line, process.Position.Column, "key-too-long",
                    $"Process '{process.Id}' has an id of {process.Id.Length} characters; the definition key may have at most {MaxKeyLength}.");
            }

            if (process.Name is { Length: > MaxNameLength } name)
            {
                yield return new BpmnDiagnostic(process.Id, process.Position.Line, process.Position.Column, "name-too-long",
                    $"Process '{process.Id}' has a name of {name.Length} characters; at most {MaxNameLength} are allowed.");
            }
        }
    }

    /// <summary>Whether <paramref name="exception"/> is a unique index refusing the row (a concurrent deployment won the race).</summary>
    internal static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
