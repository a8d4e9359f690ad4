namespace ApprovalFlow.Server.Features.ExternalTasks;

internal static partial class ExternalTasksLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce a fetchable external task to the other nodes; they find it on their next look")]
    public static partial void NotifyFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for external task announcements failed; trying again in {Delay}")]
    public static partial void ListenFailed(ILogger logger, Exception exception, TimeSpan delay);
}
