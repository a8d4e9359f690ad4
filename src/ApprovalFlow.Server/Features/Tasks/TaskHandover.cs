using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>Hands a task over to another user.</summary>
/// <param name="UserId">The new assignee: a candidate user of the task or a member of one of its candidate groups.</param>
/// <param name="Note">Why, or what the new assignee should know (optional, at most <see cref="TaskHandover.MaxNoteLength"/> characters).</param>
public sealed record HandOverTaskRequest(string? UserId, string? Note);

/// <summary>
/// <c>POST /api/tasks/{id}/handover</c>: the assignee (or an admin) gives an open task to another
/// candidate, with a note. The new assignment and its <see cref="HistoryEventType.TaskHandedOver"/>
/// event (<c>Data</c>: <c>from</c>, <c>to</c>, <c>note</c>) are written in one transaction, and only if
/// the task is still open and still held by the assignee the caller saw, so a concurrent claim, completion
/// or handover makes this one a 409 that changes nothing.
/// </summary>
public static class TaskHandover
{
    /// <summary>Longest note accepted: 2,000 characters.</summary>
    public const int MaxNoteLength = 2000;

    internal static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> HandOverAsync(
        Guid id, HandOverTaskRequest? request, ApprovalFlowDbContext db, ICurrentUser user, TimeProvider time, Audit.AuditTrail audit, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        var access = await TaskAccess.ForAsync(user, task, cancellationToken);
        if (task is null || !access.CanSee(task))
        {
            return TypedResults.Problem($"Task '{id}' does not exist or is not visible to you.", statusCode: StatusCodes.Status404NotFound, title: "Task not found");
        }

        if (task.Status != UserTaskStatus.Open)
        {
            return Conflict(id, $"it is already {task.Status.ToString().ToLowerInvariant()}");
        }

        if (task.Assignee != access.UserId && !access.IsAdmin)
        {
            return TypedResults.Problem(
                task.Assignee is null ? "Claim the task before handing it over." : "Only the task's assignee or an admin may hand it over.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        var invalid = RequestRules.Key(request?.UserId, "userId")
            ?? (string.IsNullOrWhiteSpace(request?.UserId) ? "userId is required: the id of a candidate of the task." : null)
            ?? (note is null ? null : RequestRules.RequiredText(note, "note", MaxNoteLength));
        if (invalid is not null)
        {
            return TypedResults.Problem(invalid, statusCode: StatusCodes.Status400BadRequest);
        }

        var target = request!.UserId!;
        if (target == task.Assignee)
        {
            return TypedResults.Problem($"The task is already assigned to '{target}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await TaskCandidates.IsCandidateAsync(db, task, target, cancellationToken))
        {
            return TypedResults.Problem(
                $"User '{target}' is not a candidate of the task: hand it over to a candidate user or a member of a candidate group ({string.Join(", ", task.CandidateGroups)}).",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var from = task.Assignee;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.Tasks.Where(t => t.Id == id && t.Status == UserTaskStatus.Open && t.Assignee == from)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Assignee, target), cancellationToken);
        if (moved == 0)
        {
            return Conflict(id, "it was claimed, handed over or completed meanwhile");
        }

        db.History.Add(new HistoryEventRecord
        {
            InstanceId = task.InstanceId,
            At = time.GetUtcNow(),
            Type = HistoryEventType.TaskHandedOver,
            NodeId = task.NodeId,
            TaskId = task.Id.ToString(),
            Actor = access.UserId,
            Data = JsonSerializer.SerializeToElement(new { from, to = target, note }),
        });
        if (from != access.UserId)
        {
            // An admin moving someone else's task is an admin action; an assignee handing over their own is not.
            await audit.AddAsync(db, Audit.AuditActions.TaskHandOver, task.Id.ToString(), new { from, to = target, note }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(TaskResponse.From(await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken)));
    }

    private static ProblemHttpResult Conflict(Guid id, string why) =>
        TypedResults.Problem($"Task '{id}' cannot be handed over: {why}.", statusCode: StatusCodes.Status409Conflict, title: "Task changed");
}
