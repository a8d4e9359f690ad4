using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.Dashboard;
using ApprovalFlow.Server.Runtime.Jobs;
using ApprovalFlow.Server.Runtime.Outbox;
using ApprovalFlow.Server.Runtime.ServiceTasks;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Runtime;

/// <summary>The engine in the service: definition catalog, instance runner, outbox and Hangfire.</summary>
public static class RuntimeModule
{
    /// <summary>Hangfire's schema in the ApprovalFlow database.</summary>
    public const string HangfireSchema = "hangfire";

    /// <summary>
    /// Adds the engine (settings from section <c>Engine</c>: <see cref="EngineOptions"/>), runner, outbox
    /// dispatcher and Hangfire (storage in the same database, its own schema), and, when this node runs jobs, the
    /// <c>hangfire</c> readiness check of its server's heartbeat.
    /// The engine's <see cref="IBusinessCalendar"/> and <see cref="IExpressionEvaluator"/> come from
    /// <c>AddApprovalFlowCalendar</c>.
    /// </summary>
    public static WebApplicationBuilder AddApprovalFlowRuntime(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.Section)
            .Validate(o => o.WorkerCount > 0, "Runtime:WorkerCount must be positive.")
            .Validate(o => o.StaleLockTimeout > TimeSpan.Zero, "Runtime:StaleLockTimeout must be positive.")
            .Validate(o => o.TimerPollInterval > TimeSpan.Zero, "Runtime:TimerPollInterval must be positive.")
            .Validate(o => o.TimerReclaimAfter > TimeSpan.Zero, "Runtime:TimerReclaimAfter must be positive.")
            .ValidateOnStart();
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ProcessEngine(
            sp.GetRequiredService<IExpressionEvaluator>(), sp.GetRequiredService<IBusinessCalendar>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<EngineOptions>>().Value));
        services.TryAddSingleton<DefinitionCatalog>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<Timers.TimerSignal>();
        services.TryAddSingleton<Timers.TimerSaveInterceptor>();
        services.TryAddSingleton<InstanceRunner>();
        services.TryAddSingleton<ServiceTasks.ServiceTaskExpressions>();
        services.AddTransient<TimerJob>();
        services.AddTransient<ServiceTaskJob>();
        services.AddTransient<ParentResumeJob>();
        services.AddTransient<Signals.SignalDeliveryJob>();
        services.TryAddSingleton(sp => new Engine.TimerStarts.TimerStartCalculator(sp.GetRequiredService<IExpressionEvaluator>(), sp.GetRequiredService<IBusinessCalendar>()));
        services.TryAddSingleton<TimerStarts.TimerStartScheduler>();
        services.AddTransient<TimerStarts.TimerStartJob>();
        services.TryAddScoped<Signals.SignalBroadcaster>();

        var runtime = builder.Configuration.GetSection(RuntimeOptions.Section).Get<RuntimeOptions>() ?? new RuntimeOptions();
        var connectionString = builder.Configuration.GetConnectionString(DataModule.ConnectionName)!;
        // This host's own storage and job activator, registered before AddHangfire (which adds its own only when
        // missing): its defaults are Hangfire's process-wide JobStorage.Current and JobActivator.Current, which
        // the host configured last in the process sets, so a second host (tests, on another database) would take
        // over the first one's jobs. Each resolves Hangfire's configuration first, as AddHangfire's defaults do,
        // so the process-wide settings (serializer, this host's log provider: HostLogProvider) are in place before any use.
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema,
            QueuePollInterval = TimeSpan.FromMilliseconds(250),
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(2),
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = runtime.StaleLockTimeout,
        };
        services.AddSingleton<JobStorage>(sp =>
        {
            _ = sp.GetRequiredService<IGlobalConfiguration>();
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
        services.AddSingleton<JobActivator>(sp =>
        {
            _ = sp.GetRequiredService<IGlobalConfiguration>();
            return new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
        });
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireDashboardTokens();
        if (runtime.RunJobs)
        {
            var serverName = new Hosting.Health.HangfireServerName();
            services.AddSingleton(serverName);
            services.AddHealthChecks().AddCheck<Hosting.Health.HangfireHeartbeatCheck>("hangfire", tags: ["ready"]);
            services.AddHangfireServer(options =>
            {
                options.ServerName = serverName.Value;
                options.WorkerCount = runtime.WorkerCount;
                options.SchedulePollingInterval = TimeSpan.FromMilliseconds(500);
                options.MaxDegreeOfParallelismForSchedulers = 4;
            });
        }

        if (runtime.DispatchOutbox)
        {
            services.AddHostedService<OutboxDispatcher>();
            services.AddHostedService<Timers.TimerPoller>();
        }

        return builder;
    }

    /// <summary>Registers the handler of a service-task topic.</summary>
    /// <typeparam name="THandler">The handler type (scoped).</typeparam>
    public static IServiceCollection AddServiceTaskHandler<THandler>(this IServiceCollection services)
        where THandler : class, IServiceTaskHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<IServiceTaskHandler, THandler>();
        return services;
    }
}
