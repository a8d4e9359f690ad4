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

    /// <summary>What was typed in the refused agreement form of <see cref="RefusedItem"/> (kept on the page), or <see langword="null"/>.</summary>
    public TypedAgreement? Typed { get; private set; }

    /// <summary>What was typed in the refused decision form (kept on the page), or <see langword="null"/>.</summary>
    public WorkingGroupAgreementRequest? TypedDecision { get; private set; }

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

    /// <summary>
    /// Records the members' agreement on item <paramref name="itemId"/>: <paramref name="mode"/> consensus or vote with the
    /// counts as typed (Persian or Latin digits). A count that is no whole number is refused beside its field before anything
    /// is saved; the typed values stay on the page.
    /// </summary>
    public async Task<IActionResult> OnPostAgreeAsync(Guid id, Guid itemId, string? mode, string? votesFor, string? votesAgainst, string? votesAbstain, CancellationToken cancellationToken)
    {
        if (await LoadForEditAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var typed = new TypedAgreement(mode, votesFor, votesAgainst, votesAbstain);
        var errors = new Dictionary<string, FieldError>(StringComparer.Ordinal);
        int? Count(string field, string? text)
        {
            if (TypedNumber.TryWhole(text, out var count))
            {
                return count;
            }

            if (mode == "vote")
            {
                errors[$"items[{itemId}].{field}"] = new FieldError("votes", $"Give {field} as a whole number of members, at least 0.");
            }

            return null;
        }

        var request = new ItemAgreementRequest(mode, Count("votesFor", votesFor), Count("votesAgainst", votesAgainst), Count("votesAbstain", votesAbstain));
        if (errors.Count == 0)
        {
            switch (await items.AgreeAsync(Context.Cycle.BusinessKey, itemId, request, cancellationToken))
            {
                case PlanOutcome<PlanItemResponse>.Done:
                    Notice = "Agreed";
                    return RedirectToPage(new { id });
                case PlanOutcome<PlanItemResponse>.Invalid invalid:
                    foreach (var (key, error) in invalid.Errors)
                    {
                        errors[$"items[{itemId}].{key}"] = error;
                    }

                    break;
                default:
                    return Forbid();
            }
        }

        Errors = errors;
        (RefusedItem, Typed) = (itemId, typed);
        await ReadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Records the members' decision on the findings (approve or revise with a comment; approve may agree every remaining item by consensus).</summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid id, string? decision, string? comment, bool agreeAll, CancellationToken cancellationToken)
    {
        if (await LoadForEditAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        switch (await agreements.RecordAsync(Context.Cycle.BusinessKey, new WorkingGroupAgreementRequest(Context.Group.Id, decision, comment, Task.Id, agreeAll), cancellationToken))
        {
            case PlanOutcome<WorkingGroupAgreementResponse>.Done:
                Notice = "DecisionSaved";
                return RedirectToPage(new { id });
            case PlanOutcome<WorkingGroupAgreementResponse>.Invalid invalid:
                Errors = invalid.Errors;
                TypedDecision = new WorkingGroupAgreementRequest(Context.Group.Id, decision, comment, Task.Id, agreeAll);
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

/// <summary>An agreement form as typed: how the members agreed and the three counts as text.</summary>
/// <param name="Mode"><c>consensus</c>, <c>vote</c>, or what was posted.</param>
/// <param name="VotesFor">Members for, as typed.</param>
/// <param name="VotesAgainst">Members against, as typed.</param>
/// <param name="VotesAbstain">Members abstaining, as typed.</param>
public sealed record TypedAgreement(string? Mode, string? VotesFor, string? VotesAgainst, string? VotesAbstain);
