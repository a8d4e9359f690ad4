namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>Camunda 7's REST error body (<c>{"type", "message"}</c>), which its clients read.</summary>
/// <param name="Type">The Camunda exception type, e.g. <c>InvalidRequestException</c>.</param>
/// <param name="Message">What went wrong, for people.</param>
public sealed record CamundaError(string Type, string Message)
{
    /// <summary>Camunda's <c>code</c> (an engine error code); always <see langword="null"/> here.</summary>
    public int? Code => null;
}

/// <summary>
/// A request to <c>/engine-rest</c> that Camunda 7 refuses the same way: answered with <see cref="StatusCode"/> and a
/// <see cref="CamundaError"/> of type <see cref="Type"/>.
/// </summary>
public sealed class CamundaRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status (400 or 404 as Camunda answers).</param>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="type">The Camunda exception type.</param>
    public CamundaRequestException(int statusCode, string message, string type = "InvalidRequestException")
        : base(message)
    {
        StatusCode = statusCode;
        Type = type;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The Camunda exception type.</summary>
    public string Type { get; }

    /// <summary>The task does not exist (any more): 404.</summary>
    internal static CamundaRequestException NotFound(Guid id) =>
        new(StatusCodes.Status404NotFound, $"External task with id {id} does not exist");

    /// <summary>A malformed or unsupported request: 400.</summary>
    internal static CamundaRequestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}
