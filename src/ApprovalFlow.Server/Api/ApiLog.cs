namespace ApprovalFlow.Server.Api;

/// <summary>Log messages of the HTTP layer.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path} (trace {TraceId})")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string method, PathString path, string traceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Path}: answered 503 ({ErrorType}: {Error})")]
    public static partial void DatabaseUnavailable(ILogger logger, string method, PathString path, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bad request on {Method} {Path}: {StatusCode} {Reason}")]
    public static partial void BadRequest(ILogger logger, string method, PathString path, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a request body of {ContentLength} bytes on {Method} {Path} (limit {Limit} bytes)")]
    public static partial void BodyTooLarge(ILogger logger, long contentLength, string method, PathString path, long limit);
}
