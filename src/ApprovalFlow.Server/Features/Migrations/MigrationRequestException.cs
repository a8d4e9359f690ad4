namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>A migration request names something that does not exist or cannot be (answered with 400).</summary>
public sealed class MigrationRequestException : Exception
{
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
}
