namespace ApprovalFlow.Server.Features.Auth.Tokens;

/// <summary>
/// One refresh token of a family: the chain of tokens that one sign-in gave, each replacing the one before it. Only the
/// SHA-256 of the token is stored; a token is current while neither <see cref="ReplacedAt"/> nor
/// <see cref="RevokedAt"/> is set and <see cref="ExpiresAt"/> is ahead.
/// </summary>
public sealed class RefreshTokenRecord
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>The family: the same for every token of one sign-in.</summary>
    public Guid FamilyId { get; set; }

    /// <summary>The user.</summary>
    public required string UserId { get; set; }

    /// <summary>SHA-256 of the token (32 bytes).</summary>
    public required byte[] TokenHash { get; set; }

    /// <summary>The user's security stamp when the token was issued: a changed stamp (password changed, signed out everywhere) ends the family.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>When it was issued (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it stops working (UTC).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was exchanged for the next token of the family (UTC); using it again revokes the family.</summary>
    public DateTimeOffset? ReplacedAt { get; set; }

    /// <summary>When the family was revoked (reuse, sign-out everywhere; UTC).</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
