namespace ApprovalFlow.Server.Features.Planning.Decisions;

/// <summary>A body's word on one item in a decision.</summary>
/// <param name="ItemId">A plan item of the cycle.</param>
/// <param name="Comment">The body's comment on it, or <see langword="null"/>.</param>
/// <param name="Reopen">Whether a revise sends this item back (status <c>Reopened</c>).</param>
public sealed record DecisionItemRequest(Guid ItemId, string? Comment = null, bool Reopen = false);

/// <summary>The body of <c>POST /api/cycles/{businessKey}/decisions</c>.</summary>
/// <param name="Body">The body (<see cref="PlanningVocabulary.Bodies"/>), e.g. <c>commission</c>; by default the body of <paramref name="TaskId"/>'s secretariat.</param>
/// <param name="Decision"><c>approve</c> or <c>revise</c>; required.</param>
/// <param name="ResolutionNumber">The resolution number (شماره مصوبه); required for the city council.</param>
/// <param name="ResolutionDate">The resolution date, ISO 8601 (<c>2026-06-01</c>); required for the city council.</param>
/// <param name="Comment">The body's comment on the plan.</param>
/// <param name="Items">Comments per item and the items sent back.</param>
/// <param name="WorkingGroups">Working groups sent back as a whole (every item of theirs is reopened).</param>
/// <param name="TaskId">The body's open approval task this decision is for (the caller must hold it); at most one decision per task.</param>
public sealed record RecordDecisionRequest(
    string? Body, string? Decision, string? ResolutionNumber = null, DateOnly? ResolutionDate = null, string? Comment = null,
    IReadOnlyList<DecisionItemRequest>? Items = null, IReadOnlyList<string>? WorkingGroups = null, Guid? TaskId = null);

/// <summary>A recorded decision.</summary>
/// <param name="Id">Decision id.</param>
/// <param name="Body">The body.</param>
/// <param name="Decision"><c>approve</c> or <c>revise</c>.</param>
/// <param name="ResolutionNumber">Resolution number, or <see langword="null"/>.</param>
/// <param name="ResolutionDate">Resolution date (ISO 8601), or <see langword="null"/>.</param>
/// <param name="Comment">Comment, or <see langword="null"/>.</param>
/// <param name="Items">Comments per item and the items sent back.</param>
/// <param name="WorkingGroups">Working groups sent back.</param>
/// <param name="ReopenedItemIds">Every item the decision reopened (named, and of the named working groups).</param>
/// <param name="TaskId">The task it was recorded for, or <see langword="null"/>.</param>
/// <param name="DecidedBy">Who recorded it (user id).</param>
/// <param name="DecidedAt">When (UTC).</param>
public sealed record DecisionResponse(
    Guid Id, string Body, string Decision, string? ResolutionNumber, DateOnly? ResolutionDate, string? Comment,
    IReadOnlyList<DecisionItemRequest> Items, IReadOnlyList<string> WorkingGroups, IReadOnlyList<Guid> ReopenedItemIds, Guid? TaskId, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>A problem of a <see cref="RecordDecisionRequest"/>.</summary>
/// <param name="Field">The JSON field, e.g. <c>items[0].itemId</c>.</param>
/// <param name="Code">A stable code the page translates (<c>Error_{Code}</c>).</param>
/// <param name="Message">The English message for the API's problem details.</param>
/// <param name="Status">The HTTP status: 400 (bad field), 403 (not the body's secretariat / not the task's holder), 409 (task already decided or closed).</param>
public sealed record DecisionProblem(string Field, string Code, string Message, int Status = StatusCodes.Status400BadRequest);
