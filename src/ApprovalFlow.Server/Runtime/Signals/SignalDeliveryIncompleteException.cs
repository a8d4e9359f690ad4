namespace ApprovalFlow.Server.Runtime.Signals;

/// <summary>Some targets of a chunk of a signal delivery could not take the signal; the chunk's job is retried and skips what was delivered.</summary>
public sealed class SignalDeliveryIncompleteException(Guid deliveryId, int chunk, IReadOnlyList<string> reasons)
    : ApprovalFlowException($"Chunk {chunk} of signal delivery {deliveryId}: {reasons.Count} target(s) not delivered yet: {string.Join("; ", reasons)}");
