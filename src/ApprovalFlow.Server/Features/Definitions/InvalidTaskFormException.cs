namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>A task form (<c>workflows/forms/*.form</c>) uses what the server cannot check; start-up stops.</summary>
public sealed class InvalidTaskFormException : ApprovalFlowException
{
    /// <summary>Creates the exception for the forms of <paramref name="folder"/> with <paramref name="problems"/>.</summary>
    /// <param name="folder">The forms folder.</param>
    /// <param name="problems">Every problem, each starting with its file name.</param>
    public InvalidTaskFormException(string folder, IReadOnlyList<string> problems)
        : base($"The task forms in '{folder}' cannot be checked by the server: {string.Join("; ", problems ?? throw new ArgumentNullException(nameof(problems)))}")
    {
        Folder = folder;
        Problems = problems;
    }

    /// <summary>The forms folder.</summary>
    public string Folder { get; }

    /// <summary>Every problem, each starting with its file name.</summary>
    public IReadOnlyList<string> Problems { get; }
}
