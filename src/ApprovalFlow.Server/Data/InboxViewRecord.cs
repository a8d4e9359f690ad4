namespace ApprovalFlow.Server.Data;

/// <summary>A saved inbox view: a user's named set of inbox filters and sort (the inbox URL's query string).</summary>
public sealed class InboxViewRecord
{
    /// <summary>Row id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <summary>The user it belongs to (only they see it).</summary>
    public required string UserId { get; set; }

    /// <summary>The name the user gave it, unique per user, at most <see cref="MaxNameLength"/> characters.</summary>
    public required string Name { get; set; }

    /// <summary>The inbox query string it stands for, without <c>?</c> and without paging, e.g. <c>tab=group&amp;theme=urban-identity&amp;sort=due</c>.</summary>
    public required string Query { get; set; }

    /// <summary>When it was saved (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The longest name: 100 characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest query string: 2,000 characters.</summary>
    public const int MaxQueryLength = 2000;
}
