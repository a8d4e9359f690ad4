namespace ApprovalFlow.Server.Features.Messages;

/// <summary>The Messages API.</summary>
public static class MessagesApi
{
    /// <summary>Maps <c>/api/messages</c>.</summary>
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
