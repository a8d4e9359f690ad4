namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// The e-mail templates cannot be used: a Liquid syntax error (the message names the file, line and
/// column) or a kind without its template in a language. Thrown at start-up, which it stops.
/// </summary>
public sealed class InvalidTemplateException : ApprovalFlowException
{
    /// <summary>Creates the exception listing every problem found.</summary>
    /// <param name="problems">One line per problem, each naming the file.</param>
    public InvalidTemplateException(IReadOnlyList<string> problems)
        : base($"The e-mail templates are invalid: {string.Join(" ", problems)}")
    {
        Problems = problems;
    }

    /// <summary>Every problem found, each naming the file (and line and column for a syntax error).</summary>
    public IReadOnlyList<string> Problems { get; }
}
