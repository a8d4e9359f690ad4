using ApprovalFlow.Server.Features.Planning.Export;
using ApprovalFlow.Server.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Planning;

/// <summary>The mid-term plan's service-side pieces: the planning directory reader, its service task and the demo cycle.</summary>
public static class PlanningModule
{
    /// <summary>
    /// Adds <see cref="PlanningDirectoryReader"/> and <see cref="Cycles.PlanCycles"/> (scoped), the service task handler of topic
    /// <c>directory.working-groups</c>, <see cref="DemoCycle.MidTermPlan1405"/> as the demo cycle
    /// (replaceable) and the hosted service that starts it. Call last in <c>Program.cs</c>, after
    /// <c>AddApprovalFlowData</c>, <c>AddApprovalFlowDirectory</c>, <c>AddApprovalFlowDefinitions</c> and
    /// <c>AddApprovalFlowRuntime</c>: hosted services start in registration order, so the cycle starts
    /// after the migrations, the demo seed and the deployment of the workflows folder.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowPlanning(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped<PlanningDirectoryReader>();
        builder.Services.TryAddScoped<Cycles.PlanCycles>();
        builder.Services.AddPlanExport();
        builder.Services.AddServiceTaskHandler<WorkingGroupsHandler>();
        builder.Services.TryAddSingleton(DemoCycle.MidTermPlan1405);
        builder.Services.AddHostedService<DemoCycleStarter>();
        return builder;
    }
}
