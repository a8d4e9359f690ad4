using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Tasks;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>
/// <c>page:sessions</c>, the page of a working group's <c>RecordSessions</c> task (<c>/tasks/{id}/sessions</c>): the
/// working group's sessions. The task completes once the group has at least one session and every session has its
/// minutes and at least one information source. Gives the process no variables.
/// </summary>
/// <param name="tasks">Finds the task's cycle and working group.</param>
/// <param name="sessions">The sessions.</param>
public sealed class SessionsTaskPage(WorkingGroupTasks tasks, PlanSessions sessions) : WorkingGroupTaskPage(PageName, tasks)
{
    /// <summary>The page name: <c>sessions</c>.</summary>
    public const string PageName = "sessions";

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<PageGap>> GapsOfAsync(UserTaskRecord task, WorkingGroupTask context, CancellationToken cancellationToken)
    {
        var recorded = await sessions.OfGroupAsync(context.Cycle.Id, context.Group.Id, cancellationToken);
        if (recorded.Count == 0)
        {
            return [new PageGap("sessions", "no-session", null, $"Record at least one session of the working group '{context.Group.Id}'.")];
        }

        var gaps = new List<PageGap>();
        for (var i = 0; i < recorded.Count; i++)
        {
            var session = recorded[i];
            if (session.Minutes is null)
            {
                gaps.Add(new PageGap($"sessions[{i}].minutes", "no-minutes", session.Agenda, $"The session '{session.Agenda}' of {session.Date:yyyy-MM-dd} has no minutes."));
            }

            if (session.Sources.Count == 0)
            {
                gaps.Add(new PageGap($"sessions[{i}].sources", "no-source", session.Agenda, $"The session '{session.Agenda}' of {session.Date:yyyy-MM-dd} names no information source."));
            }
        }

        return gaps;
    }
}
