using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Items;
using ApprovalFlow.Server.Features.Planning.Sessions;
using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Pages.Planning.Sessions;

/// <summary>
/// <c>/tasks/{id}/agreement</c>, the page of a working group's AgreeFindings task (<see cref="AgreementTaskPage"/>): the
/// members' agreement per item (consensus or a vote), all remaining items by consensus, their decision on the findings
/// (agree, or send back with what to revise), and completing the task, which gives the process that decision.
/// </summary>
/// <param name="services">The shared services.</param>
/// <param name="items">The items.</param>
/// <param name="agreements">The decisions.</param>
/// <param name="page">The task page's rules.</param>
public sealed class AgreementModel(WorkingGroupPageServices services, PlanItems items, WorkingGroupAgreements agreements, AgreementTaskPage page) : WorkingGroupTaskPageModel(services)
{
    /// <summary>The working group's current items by kind.</summary>
    public IReadOnlyList<PlanItemResponse> Drafted { get; private set; } = [];

    /// <summary>The decision recorded for this task, or <see langword="null"/>.</summary>
    public WorkingGroupAgreementRecord? Decision { get; private set; }

    /// <summary>The item whose agreement form was refused, or <see langword="null"/>.</summary>
    public Guid? RefusedItem { get; private set; }

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        await ReadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Records the members' agreement on item <paramref name="itemId"/>: <paramref name="mode"/> consensus or vote with the counts.</summary>
    public async Task<IActionResult> OnPostAgreeAsync(Guid id, Guid itemId, string? mode, int? votesFor, int? votesAgainst, int? votesAbstain, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (RefuseUnlessEditor() is { } forbidden)
        {
            return forbidden;
        }

        switch (await items.AgreeAsync(Context.Cycle.BusinessKey, itemId, new ItemAgreementRequest(mode, votesFor, votesAgainst, votesAbstain), cancellationToken))
        {
            case PlanOutcome<PlanItemResponse>.Done:
                Notice = "Agreed";
                return RedirectToPage(new { id });
            case PlanOutcome<PlanItemResponse>.Invalid invalid:
                Errors = invalid.Errors.ToDictionary(e => $"items[{itemId}].{e.Key}", e => e.Value, StringComparer.Ordinal);
                RefusedItem = itemId;
                await ReadAsync(cancellationToken);
                return Page();
            default:
                return Forbid();
        }
    }

    /// <summary>Records the members' decision on the findings (approve or revise with a comment; approve may agree every remaining item by consensus).</summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid id, string? decision, string? comment, bool agreeAll, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (RefuseUnlessEditor() is { } forbidden)
        {
            return forbidden;
        }

        switch (await agreements.RecordAsync(Context.Cycle.BusinessKey, new WorkingGroupAgreementRequest(Context.Group.Id, decision, comment, Task.Id, agreeAll), cancellationToken))
        {
            case PlanOutcome<WorkingGroupAgreementResponse>.Done:
                Notice = "DecisionSaved";
                return RedirectToPage(new { id });
            case PlanOutcome<WorkingGroupAgreementResponse>.Invalid invalid:
                Errors = invalid.Errors;
                await ReadAsync(cancellationToken);
                return Page();
            default:
                return Forbid();
        }
    }

    /// <summary>Completes the task, or shows what is still missing.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await CompleteAsync(id, page.GapsAsync, async () =>
        {
            await ReadAsync(cancellationToken);
            return Page();
        }, cancellationToken);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        Drafted = await items.OfGroupAsync(Context.Cycle.Id, Context.Group.Id, cancellationToken);
        Decision = await agreements.ForTaskAsync(Context.Cycle.Id, Context.Group.Id, Task, cancellationToken);
        if (!CompletionRefused)
        {
            Gaps = await page.GapsAsync(Task, cancellationToken);
        }
    }
}
