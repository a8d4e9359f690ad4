namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// A send task with topic <c>mail.send</c> cannot write its mails: an unknown template, or a recipient that is no
/// group, user or address. A failed attempt of the task (retried per its retry cycle, then an incident); nothing is sent.
/// </summary>
public sealed class SendTaskMailException(string message, Exception? innerException = null) : ApprovalFlowException(message, innerException);
