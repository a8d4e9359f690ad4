using System.Collections.Concurrent;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// Finds deployed definitions and keeps their compiled form: a version never changes once deployed,
/// so each is parsed once per process. Thread-safe singleton.
/// </summary>
public sealed class DefinitionCatalog(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<Guid, DeployedDefinition> _compiled = new();

    /// <summary>
    /// The given version of <paramref name="key"/>, or its latest when <paramref name="version"/> is
    /// <see langword="null"/>, to be started; <see langword="null"/> when none.
    /// </summary>
    /// <exception cref="DefinitionNotExecutableException">That version is <c>isExecutable="false"</c>.</exception>
    public async Task<DeployedDefinition?> FindAsync(string key, int? version, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var found = await db.Definitions.AsNoTracking()
            .Where(d => d.Key == key && (version == null || d.Version == version))
            .OrderByDescending(d => d.Version)
            .Select(d => new { d.Id, d.Version, d.IsExecutable })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is { IsExecutable: false })
        {
            throw new DefinitionNotExecutableException(key, found.Version);
        }

        return found is null ? null : await GetAsync(found.Id, cancellationToken);
    }

    /// <summary>The definition version with row id <paramref name="id"/>.</summary>
    /// <exception cref="InvalidOperationException">No such row, or its stored XML no longer parses.</exception>
    public async Task<DeployedDefinition> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (_compiled.TryGetValue(id, out var cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var record = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new InvalidOperationException($"Definition '{id}' does not exist.");
        var parsed = new BpmnParser().Parse(record.BpmnXml);
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException($"Stored definition '{record.Key}' v{record.Version} no longer parses: {parsed.Errors[0].Message}");
        }

        var compiled = new DeployedDefinition(record.Id, record.Key, record.Version, record.Name, new ExecutableProcess(parsed.Document!.Process(record.Key), record.Version));
        return _compiled.GetOrAdd(id, compiled);
    }
}
