using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>External task workers (Camunda 7 compatible): the <c>/engine-rest</c> API, its authentication and the task rows.</summary>
public static class ExternalTasksModule
{
    /// <summary>The policy of <c>/engine-rest</c>: accounts with the <see cref="Roles.Worker"/> role (or admins), by HTTP Basic or bearer token.</summary>
    public const string WorkerPolicy = "external-task-worker";

    /// <summary>The scheme of <c>/engine-rest</c>: HTTP Basic when the request carries it, else the bearer token.</summary>
    public const string Scheme = "engine-rest";

    /// <summary>
    /// Adds <see cref="ExternalTasksOptions"/> (section <c>ExternalTasks</c>, validated at start), the topic routing
    /// (<see cref="ExternalTaskTopics"/>), fetch and report services, the wake-ups (<see cref="ExternalTaskSignal"/>, the
    /// save interceptor and the <c>LISTEN</c> service) and the authentication of <c>/engine-rest</c>. Call after
    /// <c>AddApprovalFlowAuth</c>.
    /// </summary>
    public static WebApplicationBuilder AddApprovalFlowExternalTasks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ExternalTasksOptions>().BindConfiguration(ExternalTasksOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ExternalTaskTopics>();
        services.TryAddSingleton<ExternalTaskSignal>();
        services.TryAddSingleton<ExternalTaskSaveInterceptor>();
        services.AddScoped<ExternalTaskFetcher>();
        services.AddScoped<ExternalTaskReports>();
        services.AddHostedService<ExternalTaskListener>();
        services.AddMemoryCache();
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(Scheme, "HTTP Basic or bearer token for /engine-rest", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                        ? BasicAuthenticationHandler.SchemeName
                        : IdentityConstants.BearerScheme;
                options.ForwardChallenge = BasicAuthenticationHandler.SchemeName;
                options.ForwardForbid = BasicAuthenticationHandler.SchemeName;
            });
        services.AddAuthorizationBuilder().AddPolicy(WorkerPolicy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Worker, Roles.Admin));
        return builder;
    }

    /// <summary>Maps Camunda 7's external task endpoints under <c>/engine-rest/external-task</c> (<see cref="ExternalTasksApi"/>), when enabled.</summary>
    public static IEndpointRouteBuilder MapExternalTasksApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExternalTasksOptions>>().Value;
        if (!options.Enabled)
        {
            return endpoints;
        }

        var group = endpoints.MapGroup("/engine-rest/external-task").WithTags("External tasks (Camunda 7)").RequireAuthorization(WorkerPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (CamundaRequestException e)
                {
                    return CamundaResults.Error(e.StatusCode, new CamundaError(e.Type, e.Message));
                }
            });
        group.MapPost("/fetchAndLock", ExternalTasksApi.FetchAndLockAsync).WithName("FetchAndLockExternalTasks").WithSummary("Locks tasks of the asked topics for a worker (Camunda 7).");
        group.MapPost("/{id}/complete", ExternalTasksApi.CompleteAsync).WithName("CompleteExternalTask").WithSummary("Completes a locked task with variables.");
        group.MapPost("/{id}/failure", ExternalTasksApi.FailureAsync).WithName("FailExternalTask").WithSummary("Reports a failed attempt; 0 retries raises an incident.");
        group.MapPost("/{id}/bpmnError", ExternalTasksApi.BpmnErrorAsync).WithName("ThrowExternalTaskBpmnError").WithSummary("Throws a BPMN error at the task.");
        group.MapPost("/{id}/extendLock", ExternalTasksApi.ExtendLockAsync).WithName("ExtendExternalTaskLock").WithSummary("Extends the holder's lock.");
        group.MapPost("/{id}/lock", ExternalTasksApi.LockAsync).WithName("LockExternalTask").WithSummary("Locks one task by id.");
        group.MapPost("/{id}/unlock", ExternalTasksApi.UnlockAsync).WithName("UnlockExternalTask").WithSummary("Clears a task's lock.");
        group.MapGet("/", ExternalTasksApi.ListAsync).WithName("ListExternalTasks").WithSummary("Lists external tasks (Camunda 7 query parameters).");
        group.MapGet("/count", ExternalTasksApi.CountAsync).WithName("CountExternalTasks").WithSummary("Counts external tasks.");
        group.MapGet("/{id}", ExternalTasksApi.GetAsync).WithName("GetExternalTask").WithSummary("One external task.");
        group.MapGet("/{id}/errorDetails", ExternalTasksApi.ErrorDetailsAsync).WithName("GetExternalTaskErrorDetails").WithSummary("The last failure's details.");
        return endpoints;
    }
}
