using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApprovalFlow.Server.Features.Messages;

/// <summary>What <c>POST /api/messages</c> answers (201) when the message started a new instance at a message start event.</summary>
/// <param name="Correlated">Always <see langword="false"/>: no waiting subscription took the message.</param>
/// <param name="Started">Always <see langword="true"/>: a new instance was started.</param>
/// <param name="InstanceId">The new instance; it is at <c>/api/instances/{InstanceId}</c>.</param>
/// <param name="DefinitionKey">The definition it runs (the latest version of the key).</param>
/// <param name="DefinitionVersion">That version.</param>
/// <param name="StartEventId">The message start event it started at.</param>
/// <param name="BusinessKey">The request's business key, or <see langword="null"/>.</param>
public sealed record MessageStartedResponse(bool Correlated, bool Started, Guid InstanceId, string DefinitionKey, int DefinitionVersion, string StartEventId, string? BusinessKey);

/// <summary>
/// Starts an instance for a message that no waiting subscription takes (BPMN 2.0.2 §10.5.2; Camunda 7's
/// <c>correlate</c> falls back to message start events the same way), with the request's business key and variables.
/// </summary>
internal static class MessageStartHandler
{
    /// <summary>
    /// Starts the latest version of the definition whose message start event waits for the message: 201 with
    /// <see cref="MessageStartedResponse"/>; 409 when an active instance of the key has the business key
    /// (<c>existingInstanceId</c>) or when two definitions wait for the message; 422 when a call activity
    /// reached at once calls an undeployed process. <see langword="null"/> when no message start waits for it.
    /// </summary>
    public static async Task<Results<Ok<CorrelateMessageResponse>, Created<MessageStartedResponse>, ProblemHttpResult>?> TryStartAsync(
        CorrelateMessageRequest request, MessageStarts starts, InstanceRunner runner, ICurrentUser user, CancellationToken cancellationToken)
    {
        var found = await starts.ForAsync(request.Name, cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }

        if (found.Count > 1)
        {
            return TypedResults.Problem(
                $"Message '{request.Name}' starts several definitions ({string.Join(", ", found.Select(s => $"'{s.Definition.Key}' at '{s.StartEventId}'"))}); a message may start one definition only. Redeploy one of them with another message.",
                statusCode: StatusCodes.Status409Conflict, title: "Message start ambiguous");
        }

        var start = found[0];
        try
        {
            var record = await runner.StartAsync(start.Definition, request.BusinessKey, request.Variables, user.Id, start.StartEventId, null, cancellationToken);
            return TypedResults.Created(
                $"/api/instances/{record.Id}",
                new MessageStartedResponse(false, true, record.Id, start.Definition.Key, start.Definition.Version, start.StartEventId, record.BusinessKey));
        }
        catch (CalledDefinitionMissingException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Called definition not deployed");
        }
        catch (BusinessKeyInUseException e)
        {
            return TypedResults.Problem(
                $"Message '{request.Name}' would start '{start.Definition.Key}' at '{start.StartEventId}', but {e.Message}",
                statusCode: StatusCodes.Status409Conflict, title: "Business key in use",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["existingInstanceId"] = e.ExistingInstanceId });
        }
    }
}
