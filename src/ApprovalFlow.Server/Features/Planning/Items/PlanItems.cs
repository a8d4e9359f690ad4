using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Sessions;
using ApprovalFlow.Server.Text;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Items;

/// <summary>
/// A cycle's plan items for the API and the task pages alike: list with filters (everyone signed in), create and edit
/// (members of the item's working group, <see cref="PlanningAccess.CanEditWorkingGroupAsync"/>), with their origins (sessions and
/// information sources) and links, whose kinds are checked (a strategy follows from problems, an executive policy
/// from strategies, a project from executive policies). Theme, level and unit default to the working group's
/// directory attributes; every write sets <see cref="PlanItemRecord.SearchKey"/> with <see cref="PersianText.SearchKey"/>.
/// Editing an agreed item makes it a draft again (the agreement was on its old content). Scoped; not thread-safe.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="cycles">Finds cycles.</param>
/// <param name="workingGroups">Finds working groups.</param>
/// <param name="access">Who edits a working group's part of the plan.</param>
/// <param name="user">The signed-in user.</param>
/// <param name="time">The clock.</param>
public sealed class PlanItems(ApprovalFlowDbContext db, PlanCycles cycles, WorkingGroupDirectory workingGroups, PlanningAccess access, ICurrentUser user, TimeProvider time)
{
    /// <summary>Longest title: 500 characters.</summary>
    public const int MaxTitle = 500;

    /// <summary>Longest description: 8,000 characters.</summary>
    public const int MaxDescription = 8000;

    /// <summary>The page of items of cycle <paramref name="businessKey"/> that <paramref name="filter"/> asks for.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="filter">Filters and paging; unknown kinds, levels or statuses are refused.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<PlanItemPage>> ListAsync(string businessKey, PlanItemFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<PlanItemPage>.NotFound(PlanSessions.CycleNotFound(businessKey));
        }

        var errors = new Dictionary<string, FieldError>(StringComparer.Ordinal);
        var kind = ItemKinds.Parse(filter.Kind);
        if (filter.Kind is not null && kind is null)
        {
            errors["kind"] = new FieldError("unknown-kind", $"'{filter.Kind}' is not a kind; known: {string.Join(", ", ItemKinds.Names)}.");
        }

        var status = ItemKinds.ParseStatus(filter.Status);
        if (filter.Status is not null && status is null)
        {
            errors["status"] = new FieldError("unknown-status", $"'{filter.Status}' is not a status; known: {string.Join(", ", Enum.GetValues<PlanItemStatus>().Select(ItemKinds.Name))}.");
        }

        if (filter.Level is not null && PlanningVocabulary.LevelOrder(filter.Level) < 0)
        {
            errors["level"] = new FieldError("unknown-level", $"'{filter.Level}' is not a level; known: {string.Join(", ", PlanningVocabulary.Levels)}.");
        }

        if (errors.Count > 0)
        {
            return new PlanOutcome<PlanItemPage>.Invalid(errors);
        }

        var query = db.PlanItems.AsNoTracking().Where(i => i.CycleId == cycle.Id);
        query = filter.Theme is null ? query : query.Where(i => i.Theme == filter.Theme);
        query = kind is null ? query : query.Where(i => i.Kind == kind);
        query = filter.Level is null ? query : query.Where(i => i.Level == filter.Level);
        query = filter.WorkingGroup is null ? query : query.Where(i => i.WorkingGroupId == filter.WorkingGroup);
        query = status is null ? query : query.Where(i => i.Status == status);
        var (page, size) = Paging.Clamp(filter.Page, filter.PageSize);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(KindOrder).ThenBy(i => i.CreatedAt).ThenBy(i => i.Id).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PlanOutcome<PlanItemPage>.Done(new PlanItemPage(await ResponsesAsync(rows, cancellationToken), total));
    }

    /// <summary>The current items (<see cref="ItemKinds.IsCurrent"/>) of <paramref name="workingGroup"/> in cycle <paramref name="cycleId"/>, by kind then age.</summary>
    /// <param name="cycleId">The cycle.</param>
    /// <param name="workingGroup">The working group id.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<PlanItemResponse>> OfGroupAsync(Guid cycleId, string workingGroup, CancellationToken cancellationToken)
    {
        var rows = await db.PlanItems.AsNoTracking()
            .Where(i => i.CycleId == cycleId && i.WorkingGroupId == workingGroup && i.Status != PlanItemStatus.Merged && i.Status != PlanItemStatus.Withdrawn)
            .OrderBy(KindOrder).ThenBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return await ResponsesAsync(rows, cancellationToken);
    }

    /// <summary>Item <paramref name="id"/> of cycle <paramref name="businessKey"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="id">The item.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<PlanItemResponse>> GetAsync(string businessKey, Guid id, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<PlanItemResponse>.NotFound(PlanSessions.CycleNotFound(businessKey));
        }

        var rows = await db.PlanItems.AsNoTracking().Where(i => i.CycleId == cycle.Id && i.Id == id).ToListAsync(cancellationToken);
        return rows.Count == 1
            ? new PlanOutcome<PlanItemResponse>.Done((await ResponsesAsync(rows, cancellationToken))[0])
            : new PlanOutcome<PlanItemResponse>.NotFound(ItemNotFound(businessKey, id));
    }

    /// <summary>Creates an item of <see cref="PlanItemRequest.WorkingGroup"/> in cycle <paramref name="businessKey"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="request">The item.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<PlanItemResponse>> CreateAsync(string businessKey, PlanItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<PlanItemResponse>.NotFound(PlanSessions.CycleNotFound(businessKey));
        }

        var group = await workingGroups.FindAsync(request.WorkingGroup, cancellationToken);
        if (group is not null && !await access.CanEditWorkingGroupAsync(group, cancellationToken))
        {
            return new PlanOutcome<PlanItemResponse>.Forbidden(PlanningAccess.NotAMember(group));
        }

        var kind = ItemKinds.Parse(request.Kind);
        var errors = await CheckAsync(cycle, request, kind, group, null, cancellationToken);
        if (errors.Count > 0)
        {
            return new PlanOutcome<PlanItemResponse>.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var item = new PlanItemRecord
        {
            Id = Guid.CreateVersion7(now),
            CycleId = cycle.Id,
            Kind = kind!.Value,
            Title = string.Empty,
            Theme = string.Empty,
            Level = string.Empty,
            WorkingGroupId = group!.Id,
            Status = PlanItemStatus.Draft,
            CreatedBy = user.Id,
            CreatedAt = now,
        };
        db.PlanItems.Add(item);
        Apply(item, request, group, now);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(businessKey, item.Id, cancellationToken);
    }

    /// <summary>Changes item <paramref name="id"/> to <paramref name="request"/> (origins and upstream links replaced); its kind and working group stay.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="id">The item.</param>
    /// <param name="request">Its new state.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<PlanItemResponse>> UpdateAsync(string businessKey, Guid id, PlanItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<PlanItemResponse>.NotFound(PlanSessions.CycleNotFound(businessKey));
        }

        if (await db.PlanItems.SingleOrDefaultAsync(i => i.CycleId == cycle.Id && i.Id == id, cancellationToken) is not { } item)
        {
            return new PlanOutcome<PlanItemResponse>.NotFound(ItemNotFound(businessKey, id));
        }

        if (await workingGroups.FindAsync(item.WorkingGroupId, cancellationToken) is not { } group || !await access.CanEditWorkingGroupAsync(group, cancellationToken))
        {
            return new PlanOutcome<PlanItemResponse>.Forbidden(item.WorkingGroupId is null
                ? $"Item '{id}' is a consolidated item; the planning office edits it in consolidation."
                : $"Only members of the working group '{item.WorkingGroupId}' may change its items.");
        }

        var kind = ItemKinds.Parse(request.Kind ?? ItemKinds.Name(item.Kind));
        var errors = await CheckAsync(cycle, request with { WorkingGroup = request.WorkingGroup ?? group.Id }, kind, group, item, cancellationToken);
        if (kind is { } k && k != item.Kind)
        {
            errors["kind"] = new FieldError("kind-fixed", $"Item '{id}' is a {ItemKinds.Name(item.Kind)} and stays one; create a new item of kind '{request.Kind}' instead.");
        }

        if (request.WorkingGroup is { } other && other != group.Id)
        {
            errors["workingGroup"] = new FieldError("working-group-fixed", $"Item '{id}' stays with its working group '{group.Id}'.");
        }

        if (errors.Count > 0)
        {
            return new PlanOutcome<PlanItemResponse>.Invalid(errors);
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.PlanItemLinks.Where(l => l.ToItemId == id).ExecuteDeleteAsync(cancellationToken);
        await db.PlanItemSessions.Where(l => l.ItemId == id).ExecuteDeleteAsync(cancellationToken);
        Apply(item, request, group, now);
        if (item.Status == PlanItemStatus.Agreed)
        {
            item.Status = PlanItemStatus.Draft;
            item.Agreement = null;
            item.VotesFor = item.VotesAgainst = item.VotesAbstain = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(businessKey, id, cancellationToken);
    }

    /// <summary>
    /// Deletes item <paramref name="id"/> while its working group may still change it (draft or reopened): its links to and
    /// from other items and to its sessions go in the same transaction, and a <see cref="PlanItemDeletionRecord"/> keeps who
    /// deleted which title when. Refused (conflict) for an agreed, merged, withdrawn or approved item and for a
    /// consolidated item, which consolidation splits instead.
    /// </summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="id">The item.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<Guid>> DeleteAsync(string businessKey, Guid id, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<Guid>.NotFound(PlanSessions.CycleNotFound(businessKey));
        }

        if (await db.PlanItems.SingleOrDefaultAsync(i => i.CycleId == cycle.Id && i.Id == id, cancellationToken) is not { } item)
        {
            return new PlanOutcome<Guid>.NotFound(ItemNotFound(businessKey, id));
        }

        if (item.IsConsolidated || item.WorkingGroupId is null)
        {
            return new PlanOutcome<Guid>.Conflict($"Item '{id}' is a consolidated item of merged originals; the planning office splits it in consolidation instead of deleting it.");
        }

        if (await workingGroups.FindAsync(item.WorkingGroupId, cancellationToken) is not { } group || !await access.CanEditWorkingGroupAsync(group, cancellationToken))
        {
            return new PlanOutcome<Guid>.Forbidden($"Only members of the working group '{item.WorkingGroupId}' may delete its items.");
        }

        if (item.Status is not (PlanItemStatus.Draft or PlanItemStatus.Reopened))
        {
            return new PlanOutcome<Guid>.Conflict(item.Status switch
            {
                PlanItemStatus.Merged => $"Item '{id}' was merged into a consolidated item; it can only be deleted after consolidation splits the merge.",
                PlanItemStatus.Agreed => $"The working group agreed on item '{id}'; change it first (which makes it a draft again), then delete it.",
                PlanItemStatus.Approved => $"Item '{id}' is approved and part of the plan; it can no longer be deleted.",
                _ => $"Item '{id}' is {ItemKinds.Name(item.Status)}; only draft or reopened items can be deleted.",
            });
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.PlanItemLinks.Where(l => l.FromItemId == id || l.ToItemId == id).ExecuteDeleteAsync(cancellationToken);
        await db.PlanItemSessions.Where(l => l.ItemId == id).ExecuteDeleteAsync(cancellationToken);
        db.PlanItemDeletions.Add(new PlanItemDeletionRecord
        {
            Id = Guid.CreateVersion7(now),
            CycleId = cycle.Id,
            ItemId = id,
            Kind = item.Kind,
            Title = item.Title,
            WorkingGroupId = group.Id,
            DeletedBy = user.Id,
            DeletedAt = now,
        });
        db.PlanItems.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PlanOutcome<Guid>.Done(id);
    }

    /// <summary>Records the working group's agreement on item <paramref name="id"/> (consensus, or a vote with more for than against); the item becomes <see cref="PlanItemStatus.Agreed"/>.</summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="id">The item.</param>
    /// <param name="request">Consensus or the votes.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<PlanOutcome<PlanItemResponse>> AgreeAsync(string businessKey, Guid id, ItemAgreementRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<PlanItemResponse>.NotFound(PlanSessions.CycleNotFound(businessKey));
        }

        if (await db.PlanItems.SingleOrDefaultAsync(i => i.CycleId == cycle.Id && i.Id == id, cancellationToken) is not { } item)
        {
            return new PlanOutcome<PlanItemResponse>.NotFound(ItemNotFound(businessKey, id));
        }

        if (await workingGroups.FindAsync(item.WorkingGroupId, cancellationToken) is not { } group || !await access.CanEditWorkingGroupAsync(group, cancellationToken))
        {
            return new PlanOutcome<PlanItemResponse>.Forbidden($"Only members of the working group '{item.WorkingGroupId}' may record its agreement on its items.");
        }

        var errors = CheckAgreement(request);
        if (!ItemKinds.IsCurrent(item.Status) || item.Status == PlanItemStatus.Approved)
        {
            errors["status"] = new FieldError("not-agreeable", $"Item '{id}' is {ItemKinds.Name(item.Status)}; only draft, reopened or agreed items take an agreement.");
        }

        if (errors.Count > 0)
        {
            return new PlanOutcome<PlanItemResponse>.Invalid(errors);
        }

        var vote = request.Mode == "vote";
        item.Agreement = vote ? AgreementMode.Vote : AgreementMode.Consensus;
        item.VotesFor = vote ? request.VotesFor : null;
        item.VotesAgainst = vote ? request.VotesAgainst : null;
        item.VotesAbstain = vote ? request.VotesAbstain ?? 0 : null;
        item.Status = PlanItemStatus.Agreed;
        item.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(businessKey, id, cancellationToken);
    }

    /// <summary>The refused fields of an agreement: the mode, and for a vote counts of at least 0 with more for than against.</summary>
    /// <param name="request">The agreement.</param>
    internal static Dictionary<string, FieldError> CheckAgreement(ItemAgreementRequest request)
    {
        var errors = new Dictionary<string, FieldError>(StringComparer.Ordinal);
        if (request.Mode is not ("consensus" or "vote"))
        {
            errors["mode"] = new FieldError("unknown-mode", "Say how the members agreed: 'consensus' or 'vote'.");
        }
        else if (request.Mode == "vote")
        {
            foreach (var (name, value) in new[] { ("votesFor", request.VotesFor), ("votesAgainst", request.VotesAgainst), ("votesAbstain", request.VotesAbstain ?? 0) })
            {
                if (value is null or < 0)
                {
                    errors[name] = new FieldError("votes", $"Give {name} as a whole number of members, at least 0.");
                }
            }

            if (errors.Count == 0 && request.VotesFor <= request.VotesAgainst)
            {
                errors["votesFor"] = new FieldError("not-carried", $"With {request.VotesFor} for and {request.VotesAgainst} against the vote did not agree the item; send the findings back instead.");
            }
        }

        return errors;
    }

    /// <summary>The kinds in plan order (they are stored as strings, whose order is alphabetical).</summary>
    private static readonly System.Linq.Expressions.Expression<Func<PlanItemRecord, int>> KindOrder = i =>
        i.Kind == PlanItemKind.Problem ? 0 : i.Kind == PlanItemKind.Strategy ? 1 : i.Kind == PlanItemKind.ExecutivePolicy ? 2 : 3;

    private static string ItemNotFound(string businessKey, Guid id) => $"Cycle '{businessKey}' has no plan item '{id}'.";

    private async Task<Dictionary<string, FieldError>> CheckAsync(
        PlanCycleRecord cycle, PlanItemRequest request, PlanItemKind? kind, WorkingGroupInfo? group, PlanItemRecord? existing, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, FieldError>(StringComparer.Ordinal);
        if (kind is null)
        {
            errors["kind"] = new FieldError(request.Kind is null ? "required" : "unknown-kind", $"Give the kind: one of {string.Join(", ", ItemKinds.Names)}.");
        }

        if (string.IsNullOrWhiteSpace(request.WorkingGroup))
        {
            errors["workingGroup"] = new FieldError("required", "Name the working group drafting the item (its directory group id).");
        }
        else if (group is null)
        {
            errors["workingGroup"] = new FieldError("unknown-working-group", $"'{request.WorkingGroup}' is not a working group of the directory.");
        }

        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors["title"] = new FieldError("required", "Give the item a title.");
        }
        else if (request.Title.Trim().Length > MaxTitle)
        {
            errors["title"] = new FieldError("too-long", $"A title may have at most {MaxTitle} characters.");
        }

        if (request.Description?.Trim().Length > MaxDescription)
        {
            errors["description"] = new FieldError("too-long", $"A description may have at most {MaxDescription} characters.");
        }

        if (request.Theme is { } theme && !cycle.Themes.Any(t => t.Id == theme))
        {
            errors["theme"] = new FieldError("unknown-theme", $"'{theme}' is not a theme of cycle '{cycle.BusinessKey}'; its themes: {string.Join(", ", cycle.Themes.Select(t => t.Id))}.");
        }

        if (request.Level is { } level && PlanningVocabulary.LevelOrder(level) < 0)
        {
            errors["level"] = new FieldError("unknown-level", $"'{level}' is not a level; known: {string.Join(", ", PlanningVocabulary.Levels)}.");
        }

        if (request.Unit?.Length > 200)
        {
            errors["unit"] = new FieldError("too-long", "A unit id may have at most 200 characters.");
        }

        var sources = request.Sources ?? [];
        for (var i = 0; i < sources.Count; i++)
        {
            if (!PlanningVocabulary.InformationSources.Any(s => s.Id == sources[i]))
            {
                errors[$"sources[{i}]"] = new FieldError("unknown-source", $"'{sources[i]}' is not an information source; known: {string.Join(", ", PlanningVocabulary.InformationSources.Select(s => s.Id))}.");
            }
        }

        var sessionIds = request.Sessions ?? [];
        if (sessionIds.Count > 0 && group is not null)
        {
            var known = (await db.Sessions.AsNoTracking().Where(s => s.CycleId == cycle.Id && s.WorkingGroupId == group.Id && sessionIds.Contains(s.Id))
                .Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
            for (var i = 0; i < sessionIds.Count; i++)
            {
                if (!known.Contains(sessionIds[i]))
                {
                    errors[$"sessions[{i}]"] = new FieldError("unknown-session", $"'{sessionIds[i]}' is not a session of working group '{group.Id}' in this cycle.");
                }
            }
        }

        CheckProject(cycle, request, kind, errors);
        if (kind is { } k)
        {
            await CheckLinksAsync(cycle, request.From ?? [], k, existing?.Id, errors, cancellationToken);
        }

        return errors;
    }

    private static void CheckProject(PlanCycleRecord cycle, PlanItemRequest request, PlanItemKind? kind, Dictionary<string, FieldError> errors)
    {
        if (kind is not PlanItemKind.Project)
        {
            foreach (var (name, given) in new[] { ("responsibleUnit", request.ResponsibleUnit is not null), ("startYear", request.StartYear is not null), ("endYear", request.EndYear is not null), ("costRials", request.CostRials is not null) })
            {
                if (given && kind is not null)
                {
                    errors[name] = new FieldError("project-only", $"Only a project has {name}; a {ItemKinds.Name(kind.Value)} does not.");
                }
            }

            return;
        }

        if (request.ResponsibleUnit?.Trim().Length > 300)
        {
            errors["responsibleUnit"] = new FieldError("too-long", "A responsible unit may have at most 300 characters.");
        }

        var years = cycle.FirstYear > 0 && cycle.LastYear >= cycle.FirstYear;
        foreach (var (name, year) in new[] { ("startYear", request.StartYear), ("endYear", request.EndYear) })
        {
            if (year is { } y && years && (y < cycle.FirstYear || y > cycle.LastYear))
            {
                errors[name] = new FieldError("year-outside-cycle", $"{y} is outside the cycle's years {cycle.FirstYear}–{cycle.LastYear} (Solar Hijri).");
            }
        }

        if (request.StartYear is { } start && request.EndYear is { } end && end < start && !errors.ContainsKey("endYear"))
        {
            errors["endYear"] = new FieldError("end-before-start", $"The project cannot end ({end}) before it starts ({start}).");
        }

        if (request.CostRials is < 0)
        {
            errors["costRials"] = new FieldError("negative-cost", "The rough cost is in rials and at least 0.");
        }
    }

    private async Task CheckLinksAsync(PlanCycleRecord cycle, IReadOnlyList<Guid> from, PlanItemKind kind, Guid? self, Dictionary<string, FieldError> errors, CancellationToken cancellationToken)
    {
        if (from.Count == 0)
        {
            return;
        }

        var upstream = ItemKinds.Upstream(kind);
        if (upstream is null)
        {
            errors["from"] = new FieldError("link-kind", "A problem follows from no other item; link strategies to it instead.");
            return;
        }

        var found = await db.PlanItems.AsNoTracking().Where(i => i.CycleId == cycle.Id && from.Contains(i.Id))
            .Select(i => new { i.Id, i.Kind, i.Title, i.Status }).ToDictionaryAsync(i => i.Id, cancellationToken);
        for (var i = 0; i < from.Count; i++)
        {
            if (from[i] == self || !found.TryGetValue(from[i], out var target) || !ItemKinds.IsCurrent(target.Status))
            {
                errors[$"from[{i}]"] = new FieldError("unknown-item", $"'{from[i]}' is not a current item of cycle '{cycle.BusinessKey}'.");
            }
            else if (target.Kind != upstream)
            {
                errors[$"from[{i}]"] = new FieldError("link-kind",
                    $"A {ItemKinds.Name(kind)} follows from a {ItemKinds.Name(upstream.Value)}, but '{target.Title}' is a {ItemKinds.Name(target.Kind)}.");
            }
        }
    }

    private void Apply(PlanItemRecord item, PlanItemRequest request, WorkingGroupInfo group, DateTimeOffset now)
    {
        item.Title = request.Title!.Trim();
        item.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        item.SearchKey = PersianText.SearchKey(item.Title, item.Description);
        item.Theme = request.Theme ?? group.Theme;
        item.Level = request.Level ?? group.Level;
        item.Unit = string.IsNullOrWhiteSpace(request.Unit) ? group.Unit : request.Unit.Trim();
        item.Sources = [.. PlanningVocabulary.InformationSources.Select(s => s.Id).Where(id => request.Sources?.Contains(id) == true)];
        item.ResponsibleUnit = string.IsNullOrWhiteSpace(request.ResponsibleUnit) ? null : request.ResponsibleUnit.Trim();
        item.StartYear = request.StartYear;
        item.EndYear = request.EndYear;
        item.CostRials = request.CostRials;
        item.UpdatedAt = now;
        db.PlanItemSessions.AddRange((request.Sessions ?? []).Distinct().Select(s => new PlanItemSessionRecord { ItemId = item.Id, SessionId = s }));
        db.PlanItemLinks.AddRange((request.From ?? []).Distinct().Select(f => new PlanItemLinkRecord { FromItemId = f, ToItemId = item.Id }));
    }

    private async Task<IReadOnlyList<PlanItemResponse>> ResponsesAsync(List<PlanItemRecord> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(i => i.Id).ToList();
        var sessions = (await db.PlanItemSessions.AsNoTracking().Where(l => ids.Contains(l.ItemId)).ToListAsync(cancellationToken)).ToLookup(l => l.ItemId, l => l.SessionId);
        var links = await db.PlanItemLinks.AsNoTracking().Where(l => ids.Contains(l.ToItemId) || ids.Contains(l.FromItemId)).ToListAsync(cancellationToken);
        var from = links.ToLookup(l => l.ToItemId, l => l.FromItemId);
        var to = links.ToLookup(l => l.FromItemId, l => l.ToItemId);
        return [.. rows.Select(i => new PlanItemResponse(
            i.Id, ItemKinds.Name(i.Kind), i.Title, i.Description, i.Theme, i.Level, i.Unit, i.WorkingGroupId, ItemKinds.Name(i.Status),
            [.. sessions[i.Id].Order()], i.Sources, [.. from[i.Id].Order()], [.. to[i.Id].Order()],
            i.ResponsibleUnit, i.StartYear, i.EndYear, i.CostRials,
            i.Agreement is { } mode ? new PlanItemAgreementResponse(mode == AgreementMode.Vote ? "vote" : "consensus", i.VotesFor, i.VotesAgainst, i.VotesAbstain) : null,
            i.CreatedBy, i.CreatedAt, i.UpdatedAt))];
    }
}
