namespace ApprovalFlow.Server.Features.Planning.Items;

/// <summary>A plan item to create, or the new state of one (<c>POST</c> and <c>PUT /api/cycles/{businessKey}/items</c>).</summary>
/// <param name="Kind"><c>problem</c>, <c>strategy</c>, <c>executivePolicy</c> or <c>project</c>; required, and unchanged by an edit.</param>
/// <param name="Title">Title; required, at most 500 characters.</param>
/// <param name="Description">Description, or <see langword="null"/>; at most 8,000 characters.</param>
/// <param name="Theme">Theme id of the cycle; default: the working group's theme.</param>
/// <param name="Level"><c>headquarters</c>, <c>organization</c> or <c>region</c>; default: the working group's level.</param>
/// <param name="Unit">The unit's directory group id; default: the working group's hosting unit.</param>
/// <param name="WorkingGroup">The working group drafting it (directory group id); required on create, unchanged by an edit.</param>
/// <param name="Sessions">Origins: ids of the working group's sessions it came from.</param>
/// <param name="Sources">Origins: information source codes (<see cref="PlanningVocabulary.InformationSources"/>).</param>
/// <param name="From">
/// The upstream items it follows from: a strategy from problems it answers, an executive policy from strategies,
/// a project from executive policies; a problem from none.
/// </param>
/// <param name="ResponsibleUnit">Project only: the responsible unit (the DraftFindings task needs one).</param>
/// <param name="StartYear">Project only: first Solar Hijri year, within the cycle's years.</param>
/// <param name="EndYear">Project only: last Solar Hijri year, within the cycle's years and not before <paramref name="StartYear"/>.</param>
/// <param name="CostRials">Project only: rough cost in rials, at least 0.</param>
public sealed record PlanItemRequest(
    string? Kind, string? Title, string? Description, string? Theme, string? Level, string? Unit, string? WorkingGroup,
    IReadOnlyList<Guid>? Sessions, IReadOnlyList<string>? Sources, IReadOnlyList<Guid>? From,
    string? ResponsibleUnit, int? StartYear, int? EndYear, long? CostRials);

/// <summary>A plan item with its origins and links.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Kind"><c>problem</c>, <c>strategy</c>, <c>executivePolicy</c> or <c>project</c>.</param>
/// <param name="Title">Title.</param>
/// <param name="Description">Description, or <see langword="null"/>.</param>
/// <param name="Theme">Theme id.</param>
/// <param name="Level">Level.</param>
/// <param name="Unit">Unit, or <see langword="null"/>.</param>
/// <param name="WorkingGroup">The working group, or <see langword="null"/> for a consolidated item.</param>
/// <param name="Status"><c>draft</c>, <c>agreed</c>, <c>merged</c>, <c>reopened</c>, <c>approved</c> or <c>withdrawn</c>.</param>
/// <param name="Sessions">Sessions it came from.</param>
/// <param name="Sources">Information source codes it came from.</param>
/// <param name="From">Upstream items it follows from.</param>
/// <param name="To">Downstream items that follow from it.</param>
/// <param name="ResponsibleUnit">Project: responsible unit.</param>
/// <param name="StartYear">Project: first year.</param>
/// <param name="EndYear">Project: last year.</param>
/// <param name="CostRials">Project: rough cost in rials.</param>
/// <param name="Agreement">How the working group agreed on it, or <see langword="null"/>.</param>
/// <param name="CreatedBy">Who created it (user id).</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="UpdatedAt">Last change (UTC).</param>
public sealed record PlanItemResponse(
    Guid Id, string Kind, string Title, string? Description, string Theme, string Level, string? Unit, string? WorkingGroup, string Status,
    IReadOnlyList<Guid> Sessions, IReadOnlyList<string> Sources, IReadOnlyList<Guid> From, IReadOnlyList<Guid> To,
    string? ResponsibleUnit, int? StartYear, int? EndYear, long? CostRials, PlanItemAgreementResponse? Agreement,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>How a working group agreed on an item.</summary>
/// <param name="Mode"><c>consensus</c> or <c>vote</c>.</param>
/// <param name="VotesFor">Votes for (vote only).</param>
/// <param name="VotesAgainst">Votes against (vote only).</param>
/// <param name="VotesAbstain">Abstentions (vote only).</param>
public sealed record PlanItemAgreementResponse(string Mode, int? VotesFor, int? VotesAgainst, int? VotesAbstain);

/// <summary>One page of plan items.</summary>
/// <param name="Items">The page's items: by kind (problem first), then oldest first.</param>
/// <param name="Total">How many items match the filters.</param>
public sealed record PlanItemPage(IReadOnlyList<PlanItemResponse> Items, int Total);

/// <summary>The filters of <c>GET /api/cycles/{businessKey}/items</c>.</summary>
/// <param name="Theme">Theme id, or <see langword="null"/>.</param>
/// <param name="Kind">Kind, or <see langword="null"/>.</param>
/// <param name="Level">Level, or <see langword="null"/>.</param>
/// <param name="WorkingGroup">Working group id, or <see langword="null"/>.</param>
/// <param name="Status">Status, or <see langword="null"/>.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">Rows per page (1 to 200).</param>
public sealed record PlanItemFilter(string? Theme, string? Kind, string? Level, string? WorkingGroup, string? Status, int Page = 1, int PageSize = 50);

/// <summary>The working group's agreement on one item (<c>POST /api/cycles/{businessKey}/items/{id}/agreement</c>).</summary>
/// <param name="Mode"><c>consensus</c> or <c>vote</c>; required.</param>
/// <param name="VotesFor">Vote: members for (at least 0, more than against).</param>
/// <param name="VotesAgainst">Vote: members against (at least 0).</param>
/// <param name="VotesAbstain">Vote: abstentions (at least 0).</param>
public sealed record ItemAgreementRequest(string? Mode, int? VotesFor, int? VotesAgainst, int? VotesAbstain);

/// <summary>
/// The working group's decision on its findings (<c>POST /api/cycles/{businessKey}/agreements</c>): what its
/// <c>AgreeFindings</c> task gives the process as <c>decision</c> and <c>comment</c>.
/// </summary>
/// <param name="WorkingGroup">The working group's id; required.</param>
/// <param name="Decision"><c>approve</c> (the members agree) or <c>revise</c> (back to drafting); required.</param>
/// <param name="Comment">The members' comment (what to revise, how they agreed); required, at most 4,000 characters.</param>
/// <param name="TaskId">The <c>AgreeFindings</c> task it is recorded for, or <see langword="null"/>.</param>
/// <param name="AgreeAllByConsensus">With <c>approve</c>: every item of the working group not yet agreed is agreed by consensus.</param>
public sealed record WorkingGroupAgreementRequest(string? WorkingGroup, string? Decision, string? Comment, Guid? TaskId, bool AgreeAllByConsensus);

/// <summary>A working group's recorded decision on its findings.</summary>
/// <param name="Id">Decision id.</param>
/// <param name="WorkingGroup">The working group.</param>
/// <param name="TaskId">The task it was recorded for, or <see langword="null"/>.</param>
/// <param name="Decision"><c>approve</c> or <c>revise</c>.</param>
/// <param name="Comment">The comment.</param>
/// <param name="DecidedBy">Who recorded it (user id).</param>
/// <param name="DecidedAt">When (UTC).</param>
public sealed record WorkingGroupAgreementResponse(Guid Id, string WorkingGroup, Guid? TaskId, string Decision, string Comment, string DecidedBy, DateTimeOffset DecidedAt);
