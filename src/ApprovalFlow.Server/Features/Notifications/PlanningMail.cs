namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// Where the mid-term plan's decision mails go (<c>workflows/README.md</c>): a completed task whose variables
/// carry <c>decision</c> = <c>approve</c> or <c>revise</c> is a body's decision, mailed to the members of
/// <see cref="PlanningOfficeGroup"/>; the approval of <see cref="FinalApprovalNode"/> is the plan's approval.
/// </summary>
public static class PlanningMail
{
    /// <summary>The planning office's directory group: <c>planning-office</c>.</summary>
    public const string PlanningOfficeGroup = "planning-office";

    /// <summary>The user task whose approval approves the plan: the city council's, <c>CityCouncilApproval</c>.</summary>
    public const string FinalApprovalNode = "CityCouncilApproval";

    /// <summary>The variable of a decision task: <c>decision</c>.</summary>
    public const string DecisionVariable = "decision";

    /// <summary>The comment variable of a decision task: <c>comment</c>.</summary>
    public const string CommentVariable = "comment";

    /// <summary>The resolution date variable of a decision task, an ISO 8601 date (<c>2026-06-01</c>): <c>resolutionDate</c>.</summary>
    public const string ResolutionDateVariable = "resolutionDate";
}
