namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>
/// A migration request names something that does not exist or cannot be (answered with 400): a code of
/// <see cref="MigrationRequestCodes"/>, the request field at fault and the values a page needs to say it in the
/// user's language; the message is English, for the problem's <c>detail</c>.
/// </summary>
public sealed class MigrationRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">One of <see cref="MigrationRequestCodes"/>.</param>
    /// <param name="field">One of <see cref="MigrationRequestFields"/>.</param>
    /// <param name="message">What is wrong (English), for the problem's <c>detail</c>.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public MigrationRequestException(string code, string field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Field = field;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, for the problem's <c>detail</c>.</param>
    public MigrationRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MigrationRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MigrationRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>One of <see cref="MigrationRequestCodes"/>; empty when not given.</summary>
    public string Code { get; } = string.Empty;

    /// <summary>The request field at fault (<see cref="MigrationRequestFields"/>); empty when not given.</summary>
    public string Field { get; } = string.Empty;

    /// <summary>The version at fault (<see cref="MigrationRequestCodes.VersionMissing"/>, <see cref="MigrationRequestCodes.VersionNotExecutable"/>, <see cref="MigrationRequestCodes.SameVersion"/>), else 0.</summary>
    public int Version { get; init; }

    /// <summary>The source node of the mapping entry at fault, or <see langword="null"/>.</summary>
    public string? SourceNodeId { get; init; }

    /// <summary>The target node of the mapping entry at fault, or <see langword="null"/>.</summary>
    public string? TargetNodeId { get; init; }

    /// <summary>The instance ids that are no instances of the definition (<see cref="MigrationRequestCodes.InstanceMissing"/>); empty otherwise.</summary>
    public IReadOnlyList<Guid> InstanceIds { get; init; } = [];
}
