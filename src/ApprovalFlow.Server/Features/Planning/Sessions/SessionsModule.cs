using ApprovalFlow.Server.Features.Planning.Items;
using ApprovalFlow.Server.Features.Tasks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>The working groups' part of the plan: sessions, plan items, agreement and their task pages.</summary>
public static class SessionsModule
{
    /// <summary>
    /// Adds <see cref="WorkingGroupDirectory"/>, <see cref="WorkingGroupTasks"/>, <see cref="PlanSessions"/>, <see cref="SessionAttachments"/>,
    /// <see cref="PlanItems"/> and <see cref="WorkingGroupAgreements"/> (scoped) and the task pages <c>page:sessions</c>,
    /// <c>page:findings</c> and <c>page:agreement</c> (scoped <see cref="ITaskPage"/>s).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPlanSessions(this IServiceCollection services)
    {
        services.TryAddScoped<WorkingGroupDirectory>();
        services.TryAddScoped<WorkingGroupTasks>();
        services.TryAddScoped<PlanSessions>();
        services.TryAddScoped<SessionAttachments>();
        services.TryAddScoped<PlanItems>();
        services.TryAddScoped<WorkingGroupAgreements>();
        services.TryAddScoped<Pages.Planning.Sessions.WorkingGroupPageServices>();
        services.TryAddScoped<SessionsTaskPage>();
        services.TryAddScoped<FindingsTaskPage>();
        services.TryAddScoped<AgreementTaskPage>();
        services.AddScoped<ITaskPage>(s => s.GetRequiredService<SessionsTaskPage>());
        services.AddScoped<ITaskPage>(s => s.GetRequiredService<FindingsTaskPage>());
        services.AddScoped<ITaskPage>(s => s.GetRequiredService<AgreementTaskPage>());
        return services;
    }
}
