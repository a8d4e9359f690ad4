namespace ApprovalFlow.Server.Pages.Planning.Stakeholders;

/// <summary>
/// Texts of the stakeholder register pages (<c>/cycles/{businessKey}/stakeholders</c>, <c>/tasks/{id}/stakeholders</c>):
/// <c>StakeholderTexts.fa.resx</c>, <c>StakeholderTexts.en.resx</c>; <c>Group_{id}</c> names the six stakeholder groups,
/// <c>Error_{code}</c> each <see cref="Features.Planning.Stakeholders.StakeholderProblem.Code"/>.
/// </summary>
public sealed class StakeholderTexts;
