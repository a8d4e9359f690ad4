namespace ApprovalFlow.Server.Features.Planning;

/// <summary>Log messages of the planning feature.</summary>
internal static partial class PlanningLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo plan cycle not started (Seed:Demo is false)")]
    public static partial void DemoCycleSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo plan cycle {BusinessKey} not started: definition {DefinitionKey} is not deployed")]
    public static partial void DemoCycleDefinitionMissing(ILogger logger, string definitionKey, string businessKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo plan cycle {BusinessKey} exists already (instance {InstanceId})")]
    public static partial void DemoCycleExists(ILogger logger, string businessKey, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started demo plan cycle {BusinessKey}: instance {InstanceId} of {DefinitionKey} v{DefinitionVersion}")]
    public static partial void DemoCycleStarted(ILogger logger, string businessKey, Guid instanceId, string definitionKey, int definitionVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan cycle {BusinessKey} withdrawn (root instance {InstanceId}) by {UserId}")]
    public static partial void CycleWithdrawn(ILogger logger, string businessKey, Guid instanceId, string userId);
}
