using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Decisions;
using ApprovalFlow.Server.Features.Planning.Stakeholders;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Features.Planning.Sessions;
using ApprovalFlow.Server.Features.Planning.Consolidation;
using ApprovalFlow.Server.Features.Planning.Export;
using ApprovalFlow.Server.Features.Planning.Progress;
using ApprovalFlow.Server.Features.Planning.Withdrawal;
using ApprovalFlow.Server.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Planning;

/// <summary>The mid-term plan's service-side pieces: the planning directory reader, its service task and the demo cycle.</summary>
public static class PlanningModule
{
    /// <summary>
    /// Adds <see cref="PlanningDirectoryReader"/>, <see cref="Cycles.PlanCycles"/>, <see cref="PlanningAccess"/>,
    /// <see cref="Stakeholders.StakeholderRegister"/>, <see cref="Decisions.StageDecisions"/> and the task pages
    /// <c>page:stakeholders</c> and <c>page:decision</c> (scoped), the service task handler of topic
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
        builder.Services.TryAddScoped<PlanningAccess>();
        builder.Services.TryAddScoped<Stakeholders.StakeholderRegister>();
        builder.Services.TryAddScoped<Decisions.StageDecisions>();
        builder.Services.TryAddScoped<Withdrawal.CycleWithdrawal>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IStepObserver, CycleWithdrawnByProcess>());
        builder.Services.TryAddScoped<StakeholdersTaskPage>();
        builder.Services.TryAddScoped<DecisionTaskPage>();
        builder.Services.AddScoped<ITaskPage>(services => services.GetRequiredService<StakeholdersTaskPage>());
        builder.Services.AddScoped<ITaskPage>(services => services.GetRequiredService<DecisionTaskPage>());
        builder.Services.AddPlanSessions();
        builder.Services.AddPlanningConsolidation();
        builder.Services.AddPlanExport();
        builder.Services.AddPlanProgress();
        builder.Services.AddServiceTaskHandler<WorkingGroupsHandler>();
        builder.Services.TryAddSingleton(DemoCycle.MidTermPlan1405);
        builder.Services.AddHostedService<DemoCycleStarter>();
        return builder;
    }

    /// <summary>Maps the planning API: <c>/api/cycles</c> with its <c>stakeholders</c> and <c>decisions</c>.</summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapPlanningApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapCyclesApi();
        endpoints.MapStakeholdersApi();
        endpoints.MapDecisionsApi();
        endpoints.MapPlanProgressApi();
        endpoints.MapCycleWithdrawalApi();
        return endpoints;
    }
}
