using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Notifications;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Features.Planning.Sessions;
using ApprovalFlow.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Withdrawal;

/// <summary>
/// Withdraws a plan cycle (issue 13): the planning office ends it with a reason. One engine step on the root
/// <c>mid-term-plan</c> instance correlates the message <see cref="MessageName"/> to its interrupting event subprocess
/// <c>PlanCycleWithdrawal</c> (BPMN 2.0.2 §10.3.5 event subprocess, §13.5.4 interrupting start), which cancels everything
/// else in the process: its open tasks, timers and the <c>working-group</c> instances of <c>WorkingGroupSessions</c> with
/// their tasks, all in the step's one transaction (<see cref="InstanceRunner"/>), in which <see cref="CycleWithdrawnByProcess"/>
/// marks the cycle <see cref="PlanCycleStatus.Withdrawn"/> with the reason, who and when and writes the
/// <see cref="NotificationKinds.CycleWithdrawn"/> mail to every participant of the cycle (as it does for the same message
/// sent through <c>POST /api/messages</c>). Scoped; not thread-safe.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="cycles">Finds cycles.</param>
/// <param name="access">The one access rule (<see cref="PlanningAccess.CanWithdrawCycleAsync"/>).</param>
/// <param name="runner">Runs the engine step.</param>
/// <param name="audit">Records the withdrawal in the audit log, in the step's transaction.</param>
public sealed class CycleWithdrawal(ApprovalFlowDbContext db, PlanCycles cycles, PlanningAccess access, InstanceRunner runner, Audit.AuditTrail audit)
{
    /// <summary>The <c>bpmn:message</c> name of the shipped <c>mid-term-plan</c>'s withdrawal start event: <c>planCycleWithdrawn</c>.</summary>
    public const string MessageName = "planCycleWithdrawn";

    /// <summary>The process variable the message gives the reason in: <c>withdrawalReason</c>.</summary>
    public const string ReasonVariable = "withdrawalReason";

    /// <summary>The process variable the message gives who withdrew in (user id): <c>withdrawnBy</c>.</summary>
    public const string ByVariable = "withdrawnBy";

    /// <summary>
    /// Withdraws cycle <paramref name="businessKey"/> with <paramref name="reason"/>.
    /// </summary>
    /// <param name="businessKey">The cycle's business key.</param>
    /// <param name="reason">Why: required, at most <see cref="PlanCycleRecord.MaxWithdrawalReasonLength"/> characters (trimmed).</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>
    /// The withdrawn cycle; not found; forbidden (not the planning office or an admin); invalid (<c>reason</c>: <c>required</c> or
    /// <c>too-long</c>); or conflict (withdrawn already, approved, never started, its process ended, or its process runs a
    /// version of <c>mid-term-plan</c> without the withdrawal event subprocess).
    /// </returns>
    public async Task<PlanOutcome<PlanCycleRecord>> WithdrawAsync(string businessKey, string? reason, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return new PlanOutcome<PlanCycleRecord>.NotFound($"No plan cycle has the business key '{businessKey}'. GET /api/cycles lists them.");
        }

        if (!await access.CanWithdrawCycleAsync(cancellationToken))
        {
            return new PlanOutcome<PlanCycleRecord>.Forbidden(PlanningAccess.MayNotWithdraw(businessKey));
        }

        if (CheckReason(reason) is { } refused)
        {
            return new PlanOutcome<PlanCycleRecord>.Invalid(new Dictionary<string, FieldError>(StringComparer.Ordinal) { ["reason"] = refused });
        }

        var text = reason!.Trim();

        if (Ended(cycle) is { } ended)
        {
            return new PlanOutcome<PlanCycleRecord>.Conflict(ended);
        }

        var root = cycle.RootInstanceId!.Value;
        var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            [ReasonVariable] = JsonSerializer.SerializeToElement(text),
            [ByVariable] = JsonSerializer.SerializeToElement(access.UserId),
        };
        var outcome = await runner.ExecuteAsync(root, new CorrelateMessage(MessageName, variables, access.UserId), async (step, _, token) =>
        {
            await audit.AddAsync(step, Audit.AuditActions.CycleWithdraw, cycle.BusinessKey, new { reason = text, instance = root }, token);
            return false;
        }, cancellationToken);
        await db.Entry(cycle).ReloadAsync(cancellationToken);
        return outcome is CommandOutcome.Applied
            ? new PlanOutcome<PlanCycleRecord>.Done(cycle)
            : new PlanOutcome<PlanCycleRecord>.Conflict(Ended(cycle) ?? NotWaiting(cycle, root, outcome));
    }

    /// <summary>Why <paramref name="cycle"/> cannot be withdrawn any more, or <see langword="null"/> when it still can.</summary>
    private static string? Ended(PlanCycleRecord cycle) => cycle switch
    {
        { Status: PlanCycleStatus.Withdrawn } => $"Plan cycle '{cycle.BusinessKey}' was withdrawn already on {cycle.WithdrawnAt:u}: {cycle.WithdrawalReason}",
        { Status: PlanCycleStatus.Approved } => $"Plan cycle '{cycle.BusinessKey}' is approved: an approved plan is not withdrawn.",
        { RootInstanceId: null } => $"Plan cycle '{cycle.BusinessKey}' has no process yet: there is nothing to withdraw.",
        _ => null,
    };

    private static string NotWaiting(PlanCycleRecord cycle, Guid root, CommandOutcome outcome) =>
        $"The process of plan cycle '{cycle.BusinessKey}' (instance {root}) has ended or runs a version of '{CycleRules.DefinitionKey}' without the withdrawal "
        + $"event subprocess (message '{MessageName}'); migrate it to the latest version first. The engine said: {Detail(outcome)}";

    private static string Detail(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.NotApplicable notApplicable => notApplicable.Detail,
        CommandOutcome.InstanceNotFound missing => $"instance {missing.InstanceId} does not exist.",
        _ => outcome.ToString(),
    };

    /// <summary>
    /// The one rule for a withdrawal's reason (the page checks it before its confirmation step): <c>required</c> when blank,
    /// <c>too-long</c> above <see cref="PlanCycleRecord.MaxWithdrawalReasonLength"/> characters once trimmed; <see langword="null"/> when fine.
    /// </summary>
    /// <param name="reason">The reason as given.</param>
    public static FieldError? CheckReason(string? reason)
    {
        var text = reason?.Trim() ?? string.Empty;
        return text.Length == 0
            ? new FieldError("required", "Write why the cycle is withdrawn: the reason is shown to every participant and kept in the cycle's history.")
            : text.Length > PlanCycleRecord.MaxWithdrawalReasonLength
                ? new FieldError("too-long", $"The reason has {text.Length} characters; at most {PlanCycleRecord.MaxWithdrawalReasonLength} are kept.")
                : null;
    }
}
