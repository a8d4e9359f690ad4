using System.Globalization;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Cycles;

/// <summary>
/// Finds the plan cycle of a business key or of a task (scoped). A cycle is the root <c>mid-term-plan</c>
/// instance's content: when a root instance has no cycle yet (started through <c>POST /api/instances</c>
/// or by the demo), its cycle is made on first use from the instance's business key and its variables
/// <c>title</c> and <c>cycle</c> (e.g. <c>"1405-1408"</c>), with the glossary's six themes. A cycle found is remembered for
/// the rest of the request (while the request's context tracks it): the participant filter, the endpoint and a task
/// page's checks ask for the same cycle, and a tracking query would give back that same tracked row anyway.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="time">The clock.</param>
public sealed class PlanCycles(ApprovalFlowDbContext db, TimeProvider time)
{
    private readonly Dictionary<string, PlanCycleRecord> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, PlanCycleRecord> _byRoot = [];

    /// <summary>The cycle with <paramref name="businessKey"/>, made from its root instance when only the instance exists; <see langword="null"/> when neither does.</summary>
    /// <param name="businessKey">The cycle's business key, e.g. <c>mtp-1405-1408</c>.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The cycle (tracked), or <see langword="null"/>.</returns>
    public async Task<PlanCycleRecord?> FindAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (Tracked(_byKey.GetValueOrDefault(businessKey)) is { } known)
        {
            return known;
        }

        if (await db.PlanCycles.SingleOrDefaultAsync(c => c.BusinessKey == businessKey, cancellationToken) is { } cycle)
        {
            return Remember(cycle);
        }

        var root = await db.Instances.AsNoTracking()
            .Where(i => i.BusinessKey == businessKey && i.ParentInstanceId == null)
            .OrderBy(i => i.StartedAt).FirstOrDefaultAsync(cancellationToken);
        return root is null ? null : Remember(await MakeAsync(root, cancellationToken));
    }

    /// <summary>The cycle of the root instance of <paramref name="task"/>, made on first use; <see langword="null"/> when the root instance has no business key.</summary>
    /// <param name="task">Any task of the cycle's instance tree (e.g. a working group's <c>RecordSessions</c>).</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The cycle (tracked), or <see langword="null"/>.</returns>
    public async Task<PlanCycleRecord?> ForTaskAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (Tracked(_byRoot.GetValueOrDefault(task.RootInstanceId)) is { } known)
        {
            return known;
        }

        if (await db.PlanCycles.SingleOrDefaultAsync(c => c.RootInstanceId == task.RootInstanceId, cancellationToken) is { } cycle)
        {
            return Remember(cycle);
        }

        var root = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == task.RootInstanceId, cancellationToken);
        if (root?.BusinessKey is not { } key)
        {
            return null;
        }

        return Remember(await db.PlanCycles.SingleOrDefaultAsync(c => c.BusinessKey == key, cancellationToken) is { } byKey
            ? await LinkAsync(byKey, root.Id, cancellationToken)
            : await MakeAsync(root, cancellationToken));
    }

    /// <summary>The glossary's six themes (<see cref="PlanningVocabulary.Themes"/>) as a cycle's default themes.</summary>
    public static List<PlanCycleTheme> DefaultThemes() =>
        [.. PlanningVocabulary.Themes.Select(t => new PlanCycleTheme(t.Id, t.Name, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(t.Id.Replace('-', ' '))))];

    /// <summary><paramref name="cycle"/> while the request's context still tracks it (not detached, e.g. by a cleared tracker), else <see langword="null"/>.</summary>
    private PlanCycleRecord? Tracked(PlanCycleRecord? cycle) =>
        cycle is not null && db.Entry(cycle).State is not (EntityState.Detached or EntityState.Deleted) ? cycle : null;

    /// <summary>Remembers <paramref name="cycle"/> by its business key and root instance for the rest of the request.</summary>
    private PlanCycleRecord Remember(PlanCycleRecord cycle)
    {
        _byKey[cycle.BusinessKey] = cycle;
        if (cycle.RootInstanceId is { } root)
        {
            _byRoot[root] = cycle;
        }

        return cycle;
    }

    private async Task<PlanCycleRecord> LinkAsync(PlanCycleRecord cycle, Guid rootId, CancellationToken cancellationToken)
    {
        if (cycle.RootInstanceId is null)
        {
            cycle.RootInstanceId = rootId;
            await db.SaveChangesAsync(cancellationToken);
        }

        return cycle;
    }

    private async Task<PlanCycleRecord> MakeAsync(ProcessInstanceRecord root, CancellationToken cancellationToken)
    {
        var years = Text(root, "cycle")?.Split('-', '–') ?? [];
        var first = years.Length == 2 && int.TryParse(years[0], CultureInfo.InvariantCulture, out var f) ? f : 0;
        var last = years.Length == 2 && int.TryParse(years[1], CultureInfo.InvariantCulture, out var l) ? l : 0;
        var cycle = new PlanCycleRecord
        {
            Id = Guid.CreateVersion7(),
            BusinessKey = root.BusinessKey!,
            Title = Text(root, "title") ?? root.BusinessKey!,
            FirstYear = first,
            LastYear = last,
            Themes = DefaultThemes(),
            RootInstanceId = root.Id,
            Status = PlanCycleStatus.Preparing,
            CreatedBy = root.StartedBy ?? "system",
            CreatedAt = time.GetUtcNow(),
        };
        db.PlanCycles.Add(cycle);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return cycle;
        }
        catch (DbUpdateException)
        {
            // Another request made it first (unique business key): use theirs.
            db.Entry(cycle).State = EntityState.Detached;
            return await db.PlanCycles.SingleAsync(c => c.BusinessKey == root.BusinessKey, cancellationToken);
        }
    }

    private static string? Text(ProcessInstanceRecord root, string name) =>
        root.State.Variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
