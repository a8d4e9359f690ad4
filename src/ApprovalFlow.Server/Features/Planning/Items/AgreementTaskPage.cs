using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Sessions;
using ApprovalFlow.Server.Features.Tasks;

namespace ApprovalFlow.Server.Features.Planning.Items;

/// <summary>
/// <c>page:agreement</c>, the page of a working group's <c>AgreeFindings</c> task (<c>/tasks/{id}/agreement</c>): the
/// members' agreement on each item (consensus or a vote) and their decision on the findings. The task completes once
/// a decision is recorded (<see cref="WorkingGroupAgreements.ForTaskAsync"/>) and, when it agrees, every current item
/// of the group is agreed. It gives the process what the former <c>agree-findings</c> form gave: <c>decision</c>
/// (<c>approve</c> or <c>revise</c>, read by the gateway <c>AgreementDecision</c> of <c>working-group</c>) and <c>comment</c>.
/// </summary>
/// <param name="tasks">Finds the task's cycle and working group.</param>
/// <param name="items">The items.</param>
/// <param name="agreements">The decisions.</param>
public sealed class AgreementTaskPage(WorkingGroupTasks tasks, PlanItems items, WorkingGroupAgreements agreements) : WorkingGroupTaskPage(PageName, tasks)
{
    /// <summary>The page name: <c>agreement</c>.</summary>
    public const string PageName = "agreement";

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<PageGap>> GapsOfAsync(UserTaskRecord task, WorkingGroupTask context, CancellationToken cancellationToken)
    {
        var decision = await agreements.ForTaskAsync(context.Cycle.Id, context.Group.Id, task, cancellationToken);
        if (decision is null)
        {
            return [new PageGap("decision", "no-decision", null, "Record the members' decision on the findings: agree, or send them back for revision.")];
        }

        if (decision.Decision == StageDecision.Revise)
        {
            return [];
        }

        var drafted = await items.OfGroupAsync(context.Cycle.Id, context.Group.Id, cancellationToken);
        if (drafted.Count == 0)
        {
            return [new PageGap("items", "no-items", null, "The working group has no items to agree on; send the findings back for drafting.")];
        }

        return [.. drafted.Where(i => i.Status != "agreed" && i.Status != "approved")
            .Select(i => new PageGap($"items[{i.Id}].agreement", "not-agreed", i.Title, $"The members have not agreed on '{i.Title}' yet."))];
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, JsonElement>> VariablesAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        if (await Tasks.FindAsync(task, cancellationToken) is not { } context
            || await agreements.ForTaskAsync(context.Cycle.Id, context.Group.Id, task, cancellationToken) is not { } decision)
        {
            return new Dictionary<string, JsonElement>();
        }

        return new Dictionary<string, JsonElement>
        {
            ["decision"] = JsonSerializer.SerializeToElement(decision.Decision == StageDecision.Approve ? "approve" : "revise"),
            ["comment"] = JsonSerializer.SerializeToElement(decision.Comment),
        };
    }
}
