namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>A plan item as the consolidation workspace shows it, with its origins.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Kind"><c>problem</c>, <c>strategy</c>, <c>executivePolicy</c> or <c>project</c>.</param>
/// <param name="Title">Title.</param>
/// <param name="Description">Description, or <see langword="null"/>.</param>
/// <param name="Theme">Theme id of the cycle.</param>
/// <param name="Level"><c>headquarters</c>, <c>organization</c> or <c>region</c>.</param>
/// <param name="Status"><c>draft</c>, <c>agreed</c>, <c>merged</c>, <c>reopened</c>, <c>approved</c> or <c>withdrawn</c>.</param>
/// <param name="IsConsolidated">Whether the planning office made it by merging <paramref name="MergedFrom"/>.</param>
/// <param name="MergedIntoId">The consolidated item it went into, or <see langword="null"/>.</param>
/// <param name="WorkingGroups">The working groups it came from (its own, or its originals' for a consolidated item).</param>
/// <param name="Sessions">The sessions it came from.</param>
/// <param name="Sources">Information source codes it came from.</param>
/// <param name="MergedFrom">The originals of a consolidated item; empty otherwise.</param>
public sealed record ConsolidationItem(
    Guid Id,
    string Kind,
    string Title,
    string? Description,
    string Theme,
    string Level,
    string Status,
    bool IsConsolidated,
    Guid? MergedIntoId,
    IReadOnlyList<WorkingGroupRef> WorkingGroups,
    IReadOnlyList<SessionRef> Sessions,
    IReadOnlyList<string> Sources,
    IReadOnlyList<Guid> MergedFrom);

/// <summary>A working group an item came from.</summary>
/// <param name="Id">Directory group id, e.g. <c>wg-hq-urban-identity</c>.</param>
/// <param name="Name">Its name in the directory (the id when the directory does not have it).</param>
public sealed record WorkingGroupRef(string Id, string Name);

/// <summary>A session an item came from.</summary>
/// <param name="Id">Session id.</param>
/// <param name="WorkingGroupId">The working group that held it.</param>
/// <param name="Date">Its date (Gregorian; pages show it in Jalali).</param>
/// <param name="Agenda">Its agenda.</param>
public sealed record SessionRef(Guid Id, string WorkingGroupId, DateOnly Date, string Agenda);

/// <summary>A duplicate suggestion: two live items of the same kind whose normalised text is similar.</summary>
/// <param name="First">The item with the smaller id.</param>
/// <param name="Second">The other item.</param>
/// <param name="Similarity">pg_trgm <c>similarity</c> of their search keys, 0 to 1.</param>
public sealed record DuplicatePair(ConsolidationItem First, ConsolidationItem Second, double Similarity);

/// <summary>One page of duplicate suggestions, ordered by the first item (theme, kind, id) then by similarity, highest first.</summary>
/// <param name="Items">The pairs.</param>
/// <param name="Page">Page number (1-based).</param>
/// <param name="PageSize">Page size.</param>
/// <param name="HasMore">Whether a next page has pairs (no total is counted: that would compare every item).</param>
/// <param name="Threshold">The similarity threshold used.</param>
public sealed record DuplicatePairPage(IReadOnlyList<DuplicatePair> Items, int Page, int PageSize, bool HasMore, double Threshold);

/// <summary>Merges items of one kind into a new consolidated item.</summary>
/// <param name="ItemIds">Two or more live items of the cycle, of one kind.</param>
/// <param name="Title">The consolidated item's title; the first item's when <see langword="null"/>.</param>
/// <param name="Description">Its description; the first item's when <see langword="null"/>.</param>
/// <param name="Theme">Its theme; the first item's when <see langword="null"/>.</param>
/// <param name="Level">Its level; the first item's when <see langword="null"/>.</param>
public sealed record MergeItemsRequest(IReadOnlyList<Guid> ItemIds, string? Title = null, string? Description = null, string? Theme = null, string? Level = null);

/// <summary>Undoes a merge.</summary>
/// <param name="ConsolidatedItemId">The consolidated item to split into its originals.</param>
public sealed record SplitItemRequest(Guid ConsolidatedItemId);

/// <summary>Dismisses a duplicate suggestion (the items are not the same).</summary>
/// <param name="FirstItemId">One item of the pair.</param>
/// <param name="SecondItemId">The other.</param>
public sealed record DismissPairRequest(Guid FirstItemId, Guid SecondItemId);
