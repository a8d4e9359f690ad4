namespace ApprovalFlow.Server.Runtime.Signals;

/// <summary>A signal delivery target was delivered by another run of its job while this run stepped it; this run's step is dropped.</summary>
public sealed class SignalTargetDeliveredException(Guid deliveryId, int targetNo)
    : ApprovalFlowException($"Target {targetNo} of signal delivery {deliveryId} was delivered already.");
