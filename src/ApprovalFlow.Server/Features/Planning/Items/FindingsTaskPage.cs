using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Sessions;
using ApprovalFlow.Server.Features.Tasks;

namespace ApprovalFlow.Server.Features.Planning.Items;

/// <summary>
/// <c>page:findings</c>, the page of a working group's <c>DraftFindings</c> task (<c>/tasks/{id}/findings</c>): its
/// problems, strategies, executive policies and projects with their links and origins. The task completes once the
/// group has at least one problem, every strategy answers a problem, every executive policy serves a strategy, and
/// every project carries out a policy and has a responsible unit. Gives the process no variables.
/// </summary>
/// <param name="tasks">Finds the task's cycle and working group.</param>
/// <param name="items">The items.</param>
public sealed class FindingsTaskPage(WorkingGroupTasks tasks, PlanItems items) : WorkingGroupTaskPage(PageName, tasks)
{
    /// <summary>The page name: <c>findings</c>.</summary>
    public const string PageName = "findings";

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<PageGap>> GapsOfAsync(UserTaskRecord task, WorkingGroupTask context, CancellationToken cancellationToken)
    {
        var drafted = await items.OfGroupAsync(context.Cycle.Id, context.Group.Id, cancellationToken);
        var gaps = new List<PageGap>();
        if (!drafted.Any(i => i.Kind == "problem"))
        {
            gaps.Add(new PageGap("items", "no-problem", null, $"Draft at least one problem of the working group '{context.Group.Id}'."));
        }

        foreach (var item in drafted)
        {
            var key = $"items[{item.Id}]";
            switch (item.Kind)
            {
                case "strategy" when item.From.Count == 0:
                    gaps.Add(new PageGap($"{key}.from", "strategy-without-problem", item.Title, $"The strategy '{item.Title}' answers no problem: link it to the problems it answers."));
                    break;
                case "executivePolicy" when item.From.Count == 0:
                    gaps.Add(new PageGap($"{key}.from", "policy-without-strategy", item.Title, $"The executive policy '{item.Title}' serves no strategy: link it to one."));
                    break;
                case "project":
                    if (item.From.Count == 0)
                    {
                        gaps.Add(new PageGap($"{key}.from", "project-without-policy", item.Title, $"The project '{item.Title}' carries out no executive policy: link it to one."));
                    }

                    if (item.ResponsibleUnit is null)
                    {
                        gaps.Add(new PageGap($"{key}.responsibleUnit", "project-without-unit", item.Title, $"The project '{item.Title}' has no responsible unit."));
                    }

                    break;
            }
        }

        return gaps;
    }
}
