namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// A top-level instance of the definition key with the business key is still active: one active
/// instance per key and business key (one plan cycle per key), also under concurrent starts.
/// </summary>
/// <param name="definitionKey">The definition key.</param>
/// <param name="businessKey">The business key.</param>
/// <param name="existingInstanceId">The active instance.</param>
public sealed class BusinessKeyInUseException(string definitionKey, string businessKey, Guid existingInstanceId)
    : ApprovalFlowException($"Instance '{existingInstanceId}' of '{definitionKey}' with business key '{businessKey}' is still active; finish or cancel it before starting another.")
{
    /// <summary>The active instance with the key.</summary>
    public Guid ExistingInstanceId { get; } = existingInstanceId;
}
