namespace ApprovalFlow.Server.Runtime.Signals;

/// <summary>What a signal broadcast scheduled.</summary>
/// <param name="DeliveryId">The delivery id.</param>
/// <param name="Subscriptions">Waiting subscriptions that will receive the signal.</param>
/// <param name="Instances">Instances those subscriptions belong to (each receives it in one step of its own).</param>
/// <param name="Starts">Instances to be started at signal start events of latest deployed definitions.</param>
public sealed record SignalBroadcast(Guid DeliveryId, int Subscriptions, int Instances, int Starts);
