using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Pages.Planning.Export;
using ApprovalFlow.Server.Pages.Planning.Progress;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Features.Planning.Withdrawal;

/// <summary>
/// The cycle follows its process (issue 13): when a step of a root <c>mid-term-plan</c> instance correlates the message
/// <see cref="CycleWithdrawal.MessageName"/> to its withdrawal event subprocess start (BPMN 2.0.2 §10.3.5; the
/// <see cref="HistoryEventType.MessageCorrelated"/> event at that start), the cycle becomes <see cref="PlanCycleStatus.Withdrawn"/>
/// in the same transaction, with the reason, who and when, and the <see cref="NotificationKinds.CycleWithdrawn"/> mail goes
/// to every participant — whether the message came from <c>POST /api/cycles/{businessKey}/withdraw</c> or from
/// <c>POST /api/messages</c>. The reason is the message's <see cref="CycleWithdrawal.ReasonVariable"/> (trimmed, at most
/// <see cref="PlanCycleRecord.MaxWithdrawalReasonLength"/> characters), else a fixed Persian text saying none was given;
/// who is the message's sender, else its <see cref="CycleWithdrawal.ByVariable"/>. A cycle withdrawn already is left as it
/// is, so the mail goes out once. Scoped; not thread-safe.
/// </summary>
/// <param name="texts">The default reason (<c>ProgressTexts</c>, in Persian: the reason is stored once for everyone).</param>
/// <param name="logger">Logs withdrawals.</param>
internal sealed class CycleWithdrawnByProcess(IStringLocalizer<ProgressTexts> texts, ILogger<CycleWithdrawnByProcess> logger) : IStepObserver
{
    /// <inheritdoc />
    public async Task<bool> ObserveAsync(ObservedStep observed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (observed.Instance.DefinitionKey != CycleRules.DefinitionKey || observed.Instance.ParentInstanceId is not null
            || observed.History.FirstOrDefault(h => h.Type == HistoryEventType.MessageCorrelated && IsWithdrawalStart(observed.Definition, h.NodeId)) is not { } correlated)
        {
            return false;
        }

        var cycle = await observed.Db.PlanCycles.SingleOrDefaultAsync(c => c.RootInstanceId == observed.Instance.Id, cancellationToken);
        if (cycle is null or { Status: PlanCycleStatus.Withdrawn })
        {
            return false;
        }

        var by = correlated.Actor ?? Text(correlated, CycleWithdrawal.ByVariable);
        var name = by is null ? null : await observed.Db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var reason = Reason(correlated);
        cycle.Status = PlanCycleStatus.Withdrawn;
        cycle.WithdrawnAt = observed.Now;
        cycle.WithdrawnBy = by;
        cycle.WithdrawnByName = name;
        cycle.WithdrawalReason = reason;
        var mails = new NotificationWriter(observed.Db, observed.Now);
        await mails.CycleWithdrawnAsync(observed.Instance.Id, new CycleWithdrawnMailData(
            cycle.Title, cycle.BusinessKey, $"/cycles/{Uri.EscapeDataString(cycle.BusinessKey)}", observed.Definition.Name ?? observed.Definition.Key, reason, name), cancellationToken);
        PlanningLog.CycleWithdrawn(logger, cycle.BusinessKey, observed.Instance.Id, by ?? "system");
        return mails.Queued > 0;
    }

    /// <summary>Whether <paramref name="nodeId"/> is an event subprocess start waiting for <see cref="CycleWithdrawal.MessageName"/>.</summary>
    private static bool IsWithdrawalStart(DeployedDefinition definition, string? nodeId) =>
        nodeId is not null && definition.Process.Definition.Nodes.GetValueOrDefault(nodeId) is StartEvent { Trigger: MessageEventDefinition { MessageName: CycleWithdrawal.MessageName } };

    private string Reason(HistoryEvent correlated)
    {
        var given = Text(correlated, CycleWithdrawal.ReasonVariable)?.Trim();
        if (string.IsNullOrEmpty(given))
        {
            using (ExportTexts.InPersian())
            {
                return texts["WithdrawnByMessageWithoutReason", CycleWithdrawal.MessageName].Value;
            }
        }

        return given.Length <= PlanCycleRecord.MaxWithdrawalReasonLength ? given : given[..PlanCycleRecord.MaxWithdrawalReasonLength];
    }

    /// <summary>The string variable <paramref name="name"/> the message carried, or <see langword="null"/>.</summary>
    private static string? Text(HistoryEvent correlated, string name) =>
        correlated.Data is { } data && data.TryGetValue("variables", out var variables) && variables.ValueKind == JsonValueKind.Object
        && variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
