using ApprovalFlow.Server.Runtime;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>E-mail notifications: settings, templates, the SMTP sender and the sending job.</summary>
public static class NotificationsModule
{
    /// <summary>
    /// Adds <see cref="NotificationOptions"/>, <see cref="SmtpOptions"/> and <see cref="AppOptions"/> (sections
    /// <c>Notifications</c>, <c>Smtp</c>, <c>App</c>, all validated at start), the <see cref="NotificationTemplates"/>
    /// (parsed at start: a broken template stops start-up), <see cref="MailSender"/>, <see cref="NotificationJob"/> and the
    /// <c>mail.send</c> send task (<see cref="SendTaskMailHandler"/>, checked at deploy by <see cref="SendTaskMailChecks"/>), and the
    /// <c>smtp</c> readiness check (<see cref="Hosting.Health.SmtpReachableCheck"/>: degraded when unreachable).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowNotifications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, NotificationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AppOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton(sp => NotificationTemplates.Load(
            NotificationTemplates.Resolve(sp.GetRequiredService<IOptions<NotificationOptions>>().Value, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)
            ?? throw new InvalidOperationException("Notifications:TemplatesDirectory was not found (checked at start-up).")));
        services.AddHostedService<TemplatesCheck>();
        services.TryAddSingleton<MailSender>();
        services.TryAddSingleton<MailPeopleCache>();
        services.AddTransient<NotificationJob>();
        services.AddTransient<NotificationDigestJob>();
        services.AddScoped<MailRecipientResolver>();
        services.AddScoped<SendTaskMailChecks>();
        services.AddServiceTaskHandler<SendTaskMailHandler>();
        services.AddHostedService<DigestSchedule>();
        services.AddHealthChecks().AddCheck<Hosting.Health.SmtpReachableCheck>("smtp", tags: ["ready"]);
        return builder;
    }

    /// <summary>Registers (or moves) the recurring daily digest at <see cref="NotificationOptions.DigestHour"/> in <c>Calendar:TimeZone</c>.</summary>
    private sealed class DigestSchedule(IRecurringJobManager jobs, IOptions<NotificationOptions> options, IOptions<Calendar.CalendarOptions> calendar) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            jobs.AddOrUpdate<NotificationDigestJob>(
                NotificationDigestJob.RecurringJobId,
                job => job.RunAsync(CancellationToken.None),
                Cron.Daily(options.Value.DigestHour),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(calendar.Value.TimeZone) });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Parses the templates when the host starts, so a syntax error stops start-up (<see cref="InvalidTemplateException"/>).</summary>
    private sealed class TemplatesCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<NotificationTemplates>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
