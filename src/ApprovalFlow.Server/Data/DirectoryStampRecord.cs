namespace ApprovalFlow.Server.Data;

/// <summary>
/// The one row that counts changes to what a step reads of its users (<see cref="Features.Notifications.MailPeople"/>):
/// database triggers add one to <see cref="Value"/> in the transaction of every insert or delete of a user, change of a
/// user's e-mail address, and change of a user claim or a notification preference, whichever node or tool makes it. A
/// node may keep what it read of the directory for as long as the stamp it reads in a step's transaction is unchanged.
/// </summary>
public sealed class DirectoryStampRecord
{
    /// <summary>The id of the one row.</summary>
    public const int SingleId = 1;

    /// <summary>Always <see cref="SingleId"/>.</summary>
    public int Id { get; set; }

    /// <summary>How many directory changes have committed (only ever grows).</summary>
    public long Value { get; set; }
}
