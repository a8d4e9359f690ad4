namespace ApprovalFlow.Server.Pages.Planning.Decisions;

/// <summary>
/// Texts of the decision page of the bodies' approval tasks (<c>/tasks/{id}/decision</c>): <c>DecisionTexts.fa.resx</c>,
/// <c>DecisionTexts.en.resx</c>; <c>Body_{id}</c> names the four bodies, <c>Error_{code}</c> each
/// <see cref="Features.Planning.Decisions.DecisionProblem.Code"/>.
/// </summary>
public sealed class DecisionTexts;
