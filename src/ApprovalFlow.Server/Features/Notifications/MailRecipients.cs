namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>Who receives a send task's mail: directory users (by user id) and external addresses, each once, in order.</summary>
/// <param name="UserIds">Directory users.</param>
/// <param name="Addresses">E-mail addresses of people outside the directory.</param>
public sealed record MailRecipients(IReadOnlyList<string> UserIds, IReadOnlyList<string> Addresses)
{
    /// <summary>Whether nobody is named.</summary>
    public bool IsEmpty => UserIds.Count == 0 && Addresses.Count == 0;

    /// <summary>These recipients without those in <paramref name="other"/>.</summary>
    public MailRecipients Except(MailRecipients other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new([.. UserIds.Except(other.UserIds, StringComparer.Ordinal)], [.. Addresses.Except(other.Addresses, StringComparer.OrdinalIgnoreCase)]);
    }
}
