using System.Text.Json;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>
/// The inbox API: list, read, claim, unclaim, assign, hand over (<see cref="TaskHandover"/>), complete; and
/// each task's comments and attachments (<see cref="TaskActivityApi"/>). A claim and a give-back are recorded
/// in the task's history (<see cref="HistoryEventType.TaskClaimed"/>, <see cref="HistoryEventType.TaskUnclaimed"/>)
/// in the same transaction as the change.
/// </summary>
public static class TasksApi
{
    /// <summary>Maps <c>/api/tasks</c>.</summary>
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.SignedIn).WithProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/", ListAsync).WithName("ListTasks")
            .WithSummary("The inbox: scope=mine (assigned to me), group (claimable by me), all (admins, process owners); status=open|completed; "
                + "filters process, stage, theme, level, overdue, dueWithin (working days); q searches name, plan cycle, working group and process ignoring Persian/Arabic letter variants; "
                + "sort=priority|due|created, order=asc|desc (default highest priority then oldest); paged.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetTask").WithSummary("One task.");
        api.MapPost("/{id:guid}/claim", ClaimAsync).WithName("ClaimTask").WithSummary("Takes an unassigned task of which the caller is a candidate.");
        api.MapPost("/{id:guid}/unclaim", UnclaimAsync).WithName("UnclaimTask").WithSummary("Gives a claimed task back to its candidates (assignee or admin).");
        api.MapPost("/{id:guid}/assign", AssignAsync).WithName("AssignTask").WithSummary("Assigns a task to a user (admins).").RequireAuthorization(Policies.Admin);
        api.MapPost("/{id:guid}/handover", TaskHandover.HandOverAsync).WithName("HandOverTask").WithSummary("Hands the caller's task (or, for admins, any open task) to another candidate with a note; recorded as TaskHandedOver.");
        api.MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompleteTask").WithSummary("Completes the caller's task with the form's variables; a task with a form takes only its fields, checked as form-js checks them (400 with errors by field path).");
        api.MapTaskActivityApi();
        return endpoints;
    }

    internal static Task<Results<Ok<TaskPage>, ProblemHttpResult>> ListAsync(
        ApprovalFlowDbContext db, ICurrentUser user, WorkingDayCalendar calendar, TimeProvider time, CancellationToken cancellationToken,
        string scope = "mine", string status = "open", Guid? instanceId = null, Guid? rootInstanceId = null, int page = 1, int pageSize = 50,
        string? process = null, string? stage = null, string? theme = null, string? level = null, bool? overdue = null, int? dueWithin = null,
        string? q = null, string? sort = null, string? order = null) =>
        QueryAsync(db, user, calendar, time, new TaskListQuery
        {
            Scope = scope, Status = status, InstanceId = instanceId, RootInstanceId = rootInstanceId, Page = page, PageSize = pageSize,
            Process = process, Stage = stage, Theme = theme, Level = level, Overdue = overdue ?? false, DueWithin = dueWithin, Search = q, Sort = sort, Order = order,
        }, cancellationToken);

    /// <summary>The page of tasks <paramref name="list"/> asks for, or a problem (400 for invalid filters, 403 for scope=all without the right).</summary>
    internal static async Task<Results<Ok<TaskPage>, ProblemHttpResult>> QueryAsync(
        ApprovalFlowDbContext db, ICurrentUser user, WorkingDayCalendar calendar, TimeProvider time, TaskListQuery list, CancellationToken cancellationToken)
    {
        if (list.Problem() is { } invalid)
        {
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status400BadRequest, title: "Invalid task list filter");
        }

        var access = await TaskAccess.ForAsync(user, cancellationToken);
        var me = access.UserId;
        var query = db.Tasks.AsNoTracking();
        var status = list.Status;
        switch (list.Scope)
        {
            case "mine":
                query = status == "completed" ? query.Where(t => t.CompletedBy == me) : query.Where(t => t.Assignee == me);
                break;
            case "group":
                var groups = (await user.GetGroupIdsAsync(cancellationToken)).ToArray();
                string[] meAsCandidate = [me];

                // Both as array overlaps (&&), which the GIN indexes serve; "me = ANY(candidate_users)" would scan every open row.
                query = query.Where(t => t.CandidateUsers.Any(u => meAsCandidate.Contains(u)) || t.CandidateGroups.Any(g => groups.Contains(g)));
                if (status == "open")
                {
                    query = query.Where(t => t.Assignee == null);
                }

                break;
            case "all" when access.SeesEverything:
                break;
            case "all":
                return TypedResults.Problem("scope=all is for admins and process owners.", statusCode: StatusCodes.Status403Forbidden);
            default:
                return TypedResults.Problem($"scope must be mine, group or all, not '{list.Scope}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        query = status switch
        {
            "open" => query.Where(t => t.Status == UserTaskStatus.Open),
            "completed" => query.Where(t => t.Status == UserTaskStatus.Completed),
            _ => query,
        };
        if (status is not ("open" or "completed"))
        {
            return TypedResults.Problem($"status must be open or completed, not '{status}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (list.InstanceId is { } instance)
        {
            query = query.Where(t => t.InstanceId == instance);
        }

        if (list.RootInstanceId is { } root)
        {
            query = query.Where(t => t.RootInstanceId == root);
        }

        query = list.Filter(query, time.GetUtcNow(), calendar);
        var (page, pageSize) = Paging.Clamp(list.Page, list.PageSize);
        var total = await query.CountAsync(cancellationToken);
        if (list.CountOnly)
        {
            return TypedResults.Ok(new TaskPage([], total));
        }

        var items = await list.Ordered(query).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TaskPage([.. items.Select(TaskResponse.From)], total));
    }

    internal static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetAsync(Guid id, ApprovalFlowDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        var access = await TaskAccess.ForAsync(user, task, cancellationToken);
        return task is not null && access.CanSee(task) ? TypedResults.Ok(TaskResponse.From(task)) : NotFound(id);
    }

    internal static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ClaimAsync(Guid id, ApprovalFlowDbContext db, ICurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        var access = await TaskAccess.ForAsync(user, task, cancellationToken);
        if (task is null || !access.CanSee(task))
        {
            return NotFound(id);
        }

        if (task.Assignee == access.UserId && task.Status == UserTaskStatus.Open)
        {
            return TypedResults.Ok(TaskResponse.From(task));
        }

        if (!access.IsCandidate(task))
        {
            return TypedResults.Problem("Only a candidate of the task (a member of a candidate group, or a candidate user) may claim it.", statusCode: StatusCodes.Status403Forbidden);
        }

        var me = access.UserId;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Tasks.Where(t => t.Id == id && t.Status == UserTaskStatus.Open && (t.Assignee == null || t.Assignee == me))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Assignee, me), cancellationToken);
        if (claimed == 0)
        {
            return Conflict(id, task.Status == UserTaskStatus.Open ? "it is already claimed by someone else" : $"it is {task.Status.ToString().ToLowerInvariant()}");
        }

        db.History.Add(TaskEvents.For(task, time.GetUtcNow(), HistoryEventType.TaskClaimed, me));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(TaskResponse.From(await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken)));
    }

    internal static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> UnclaimAsync(Guid id, ApprovalFlowDbContext db, ICurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        var access = await TaskAccess.ForAsync(user, task, cancellationToken);
        if (task is null || !access.CanSee(task))
        {
            return NotFound(id);
        }

        if (task.Assignee != access.UserId && !access.IsAdmin)
        {
            return TypedResults.Problem("Only the assignee or an admin may give the task back.", statusCode: StatusCodes.Status403Forbidden);
        }

        var assignee = task.Assignee;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var released = await db.Tasks.Where(t => t.Id == id && t.Status == UserTaskStatus.Open && t.Assignee == assignee)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Assignee, (string?)null), cancellationToken);
        if (released == 0)
        {
            return Conflict(id, "it changed meanwhile");
        }

        db.History.Add(TaskEvents.For(task, time.GetUtcNow(), HistoryEventType.TaskUnclaimed, access.UserId, new { assignee }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(TaskResponse.From(await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken)));
    }

    internal static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> AssignAsync(
        Guid id, AssignTaskRequest request, ApprovalFlowDbContext db, Audit.AuditTrail audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserId))
        {
            return TypedResults.Problem("userId is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken))
        {
            return TypedResults.Problem($"User '{request.UserId}' does not exist.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var from = await db.Tasks.Where(t => t.Id == id).Select(t => t.Assignee).FirstOrDefaultAsync(cancellationToken);
        var assigned = await db.Tasks.Where(t => t.Id == id && t.Status == UserTaskStatus.Open)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Assignee, request.UserId), cancellationToken);
        if (assigned == 0)
        {
            return await db.Tasks.AnyAsync(t => t.Id == id, cancellationToken) ? Conflict(id, "it is no longer open") : NotFound(id);
        }

        await audit.AddAsync(db, Audit.AuditActions.TaskAssign, id.ToString(), new { from, to = request.UserId }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(TaskResponse.From(await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken)));
    }

    internal static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        Guid id, CompleteTaskRequest? request, ApprovalFlowDbContext db, InstanceRunner runner, TaskForms forms, TaskPages pages, ICurrentUser user, CancellationToken cancellationToken)
    {
        // The task with its instance, locked, in the completion's own transaction (one statement): the completion steps
        // this instance row and writes this task row without reading them again; leaving without completing rolls back.
        await using var unit = await runner.OpenTaskAsync(id, cancellationToken);
        var task = unit.Task;
        var access = await TaskAccess.ForAsync(user, task, cancellationToken);
        if (task is null || !access.CanSee(task))
        {
            return NotFound(id);
        }

        if (task.Status != UserTaskStatus.Open)
        {
            return Conflict(id, $"it is already {task.Status.ToString().ToLowerInvariant()}");
        }

        var instance = unit.Instance;

        if (task.Assignee != access.UserId)
        {
            return TypedResults.Problem(
                task.Assignee is null ? "Claim the task before completing it." : "Only the task's assignee may complete it.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (RequestRules.Variables(request?.Variables) is { } invalid)
        {
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status400BadRequest);
        }

        var variables = request?.Variables;
        if (TaskPages.IsPageKey(task.FormKey))
        {
            if (pages.Find(task.FormKey) is not { } page)
            {
                return TypedResults.Problem($"Task '{id}' opens the page '{task.FormKey}', which this server does not have.", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Task page missing");
            }

            if (await page.MissingAsync(task, cancellationToken) is { Count: > 0 } missing)
            {
                return TypedResults.ValidationProblem(
                    missing.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
                    $"The task's page is not complete: {string.Join("; ", missing.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}",
                    title: "Task page not complete");
            }

            var merged = new Dictionary<string, JsonElement>(variables ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
            foreach (var (name, value) in await page.VariablesAsync(task, cancellationToken))
            {
                merged[name] = value;
            }

            variables = merged;
        }
        else if (await forms.CheckAsync(task.FormKey, task.FormVersion, request?.Variables, token => VisibleVariablesAsync(db, task, instance, token), cancellationToken) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(
                errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
                $"The form '{task.FormKey}' is not filled in correctly: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}",
                title: "Form not filled in correctly");
        }

        CommandOutcome outcome;
        try
        {
            outcome = await runner.CompleteTaskAsync(unit, new CompleteUserTask(task.EngineTaskId, access.UserId, variables), cancellationToken);
        }
        catch (CalledDefinitionMissingException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Called definition not deployed");
        }

        return outcome switch
        {
            CommandOutcome.Applied => TypedResults.Ok(TaskResponse.From(task)),
            CommandOutcome.NotApplicable => Conflict(id, "it was completed or cancelled meanwhile"),
            _ => NotFound(id),
        };
    }

    /// <summary>The variables <paramref name="task"/>'s execution sees (process scope, then its local scopes).</summary>
    private static async Task<IReadOnlyDictionary<string, JsonElement>> VisibleVariablesAsync(ApprovalFlowDbContext db, UserTaskRecord task, ProcessInstanceRecord? instance, CancellationToken cancellationToken)
    {
        var state = instance?.State ?? await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.State).SingleAsync(cancellationToken);
        return state.Tasks.Find(t => t.Id == task.EngineTaskId) is { } open ? state.VisibleVariables(open.ExecutionId) : state.Variables;
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"Task '{id}' does not exist or is not visible to you.", statusCode: StatusCodes.Status404NotFound, title: "Task not found");

    private static ProblemHttpResult Conflict(Guid id, string why) =>
        TypedResults.Problem($"Task '{id}' cannot be changed: {why}.", statusCode: StatusCodes.Status409Conflict, title: "Task changed");
}
