namespace ApprovalFlow.Server.Pages.Planning.Sessions;

/// <summary>Element ids of form fields from request paths, so the error summary links to the field (<c>attendees[1].name</c> → <c>attendees-1-name</c>).</summary>
public static class FieldIds
{
    /// <summary>The id suffix of the field for <paramref name="key"/>: lower case, with <c>[</c>, <c>]</c> and <c>.</c> turned into <c>-</c>.</summary>
    /// <param name="key">A request path.</param>
    public static string Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var id = key.Replace("].", "-", StringComparison.Ordinal).Replace('[', '-').Replace(']', '-').Replace('.', '-').TrimEnd('-');

        // Sources and origins are one group of checkboxes: the summary links to the group.
        return id.StartsWith("sources-", StringComparison.Ordinal) ? "sources" : id.StartsWith("from-", StringComparison.Ordinal) ? "from" : id.StartsWith("sessions-", StringComparison.Ordinal) ? "sessions" : id.ToLowerInvariant();
    }
}
