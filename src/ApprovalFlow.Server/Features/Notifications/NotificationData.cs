namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// What a task mail shows of one task, stored in <see cref="Data.NotificationRecord.Data"/> (as <c>{"tasks": [...]}</c>):
/// the texts are taken when the mail is written, the due date is formatted (Jalali, working days left) when it is sent.
/// </summary>
/// <param name="TaskId">The inbox row id (the link is <c>&lt;App:BaseUrl&gt;/tasks/&lt;TaskId&gt;</c>).</param>
/// <param name="Name">The task's name (the stage of the pipeline), or its node id.</param>
/// <param name="Process">The process definition's name or key.</param>
/// <param name="Cycle">The plan cycle's title (the <c>title</c> variable), or <see langword="null"/>.</param>
/// <param name="WorkingGroup">The working group (multi-instance item or <c>workingGroup</c> variable) name, or <see langword="null"/>.</param>
/// <param name="DueAt">The due instant (UTC), or <see langword="null"/>.</param>
/// <param name="Reminder">For a reminder: which one, e.g. <c>2/4</c>; else <see langword="null"/>.</param>
/// <param name="Holder">For an escalation: who was late (assignee's name, or the candidate groups' names); else <see langword="null"/>.</param>
public sealed record TaskMailItem(Guid TaskId, string Name, string Process, string? Cycle, string? WorkingGroup, DateTimeOffset? DueAt, string? Reminder = null, string? Holder = null);

/// <summary>The data of a task mail: the tasks it lists (one when written; several once folded).</summary>
/// <param name="Tasks">The tasks.</param>
public sealed record TaskMailData(IReadOnlyList<TaskMailItem> Tasks);

/// <summary>The data of a <see cref="NotificationKinds.Decision"/> or <see cref="NotificationKinds.PlanApproved"/> mail.</summary>
/// <param name="TaskId">The decision task's inbox row (the link shows it).</param>
/// <param name="Body">The decision task's name (the body that decided, e.g. the commission's review).</param>
/// <param name="Process">The process definition's name or key.</param>
/// <param name="Cycle">The plan cycle's title, or <see langword="null"/>.</param>
/// <param name="WorkingGroup">The working group, or <see langword="null"/>.</param>
/// <param name="Decision"><c>approve</c> or <c>revise</c>.</param>
/// <param name="Comment">The body's comment, or <see langword="null"/>.</param>
/// <param name="DecidedBy">Who completed the task (display name), or <see langword="null"/>.</param>
/// <param name="Returns">On revise: the tasks the work returns to (names), else empty.</param>
/// <param name="DecidedAt">When the decision was recorded: the task's completion (UTC); <see langword="null"/> in mails written before it was kept.</param>
/// <param name="ResolutionDate">The resolution's date (the <c>resolutionDate</c> variable), or <see langword="null"/>; the mail dates the decision by it rather than by <paramref name="DecidedAt"/>.</param>
public sealed record DecisionMailData(
    Guid TaskId, string Body, string Process, string? Cycle, string? WorkingGroup, string Decision, string? Comment, string? DecidedBy, IReadOnlyList<string> Returns,
    DateTimeOffset? DecidedAt = null, DateOnly? ResolutionDate = null);

/// <summary>The data of a <see cref="NotificationKinds.CycleWithdrawn"/> mail.</summary>
/// <param name="Cycle">The plan cycle's title.</param>
/// <param name="BusinessKey">The cycle's business key.</param>
/// <param name="CyclePath">The path of the cycle's home page, e.g. <c>/cycles/mtp-1405-1408</c> (the template prefixes <c>baseUrl</c>).</param>
/// <param name="Process">The root process definition's name or key.</param>
/// <param name="Reason">Why the planning office withdrew it.</param>
/// <param name="WithdrawnBy">Who withdrew it (display name), or <see langword="null"/>.</param>
public sealed record CycleWithdrawnMailData(string Cycle, string BusinessKey, string CyclePath, string Process, string Reason, string? WithdrawnBy);
