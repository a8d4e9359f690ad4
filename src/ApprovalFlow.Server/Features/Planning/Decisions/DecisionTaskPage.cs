using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Tasks;

namespace ApprovalFlow.Server.Features.Planning.Decisions;

/// <summary>
/// The page of the bodies' approval tasks (<c>CommitteeApproval</c>, <c>CommissionReview</c>, <c>SupremeCouncilApproval</c>,
/// <c>CityCouncilApproval</c>; <c>camunda:formKey="page:decision"</c>): the body's secretariat records its decision at
/// <c>/tasks/{id}/decision</c>. The task completes once a decision is recorded for it, and gives the process the
/// variables the former <c>approval-decision</c> and <c>city-council-approval</c> forms gave, which the gateway after
/// each stage reads: <c>decision</c> (<c>approve</c>|<c>revise</c>), <c>comment</c>, and when recorded
/// <c>resolutionNumber</c> and <c>resolutionDate</c> (ISO 8601 date).
/// </summary>
/// <param name="decisions">The recorded decisions.</param>
public sealed class DecisionTaskPage(StageDecisions decisions) : ITaskPage
{
    /// <inheritdoc />
    public string Name => "decision";

    /// <inheritdoc />
    public string PathFor(UserTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"/tasks/{task.Id}/decision";
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string[]>> MissingAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return await decisions.ForTaskAsync(task.Id, cancellationToken) is null
            ? new Dictionary<string, string[]>(StringComparer.Ordinal) { ["decision"] = ["Record the body's decision for this task first (its decision page, or POST /api/cycles/{businessKey}/decisions with taskId)."] }
            : new Dictionary<string, string[]>(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, JsonElement>> VariablesAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (await decisions.ForTaskAsync(task.Id, cancellationToken) is not { } decision)
        {
            return variables;
        }

        variables["decision"] = JsonSerializer.SerializeToElement(decision.Decision);
        variables["comment"] = JsonSerializer.SerializeToElement(decision.Comment ?? string.Empty);
        if (decision.ResolutionNumber is { } number)
        {
            variables["resolutionNumber"] = JsonSerializer.SerializeToElement(number);
        }

        if (decision.ResolutionDate is { } date)
        {
            variables["resolutionDate"] = JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        return variables;
    }
}
