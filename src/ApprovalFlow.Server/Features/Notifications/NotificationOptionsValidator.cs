using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ApprovalFlow.Server.Features.Notifications;

/// <summary>
/// Rules of the notification settings beyond data annotations, each reporting every failure at once:
/// a retry schedule and fold window of fixed ISO 8601 durations, an existing templates folder
/// (<see cref="NotificationOptions"/>); an RFC 5322 sender, a password with a user, an ISO 8601 idle timeout and a readable PEM
/// trusted certificate used with TLS (<see cref="SmtpOptions"/>);
/// an absolute http(s) base URL (<see cref="AppOptions"/>).
/// </summary>
internal sealed class NotificationOptionsValidator(IHostEnvironment environment)
    : IValidateOptions<NotificationOptions>, IValidateOptions<SmtpOptions>, IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RetryWaits is null)
        {
            failures.Add($"Notifications:RetrySchedule '{options.RetrySchedule}' is not a comma-separated list of ISO 8601 durations such as PT1M,PT5M,PT30M.");
        }

        if (options.FoldWindowSpan is null)
        {
            failures.Add($"Notifications:FoldWindow '{options.FoldWindow}' is not an ISO 8601 duration such as PT2M.");
        }

        if (NotificationTemplates.Resolve(options, environment.ContentRootPath) is null)
        {
            failures.Add($"Notifications:TemplatesDirectory '{options.TemplatesDirectory}' was not found (looked at {string.Join(" and ", Hosting.ContentPaths.Candidates(options.TemplatesDirectory, environment.ContentRootPath))}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.From) && !MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add($"Smtp:From '{options.From}' is not an e-mail address such as ApprovalFlow <noreply@example.org>.");
        }

        if (!string.IsNullOrEmpty(options.User) && string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Smtp:Password is required when Smtp:User is set.");
        }

        if (options.IdleTimeoutSpan is null)
        {
            failures.Add($"Smtp:IdleTimeout '{options.IdleTimeout}' is not a positive ISO 8601 duration such as PT15S.");
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedCertificate))
        {
            TrustedCertificate(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void TrustedCertificate(SmtpOptions options, List<string> failures)
    {
        if (options.Security == SmtpSecurity.None)
        {
            failures.Add("Smtp:TrustedCertificate is set but Smtp:Security is None: the certificate is only used with StartTls or SslOnConnect.");
        }

        if (SmtpServerTrust.Resolve(options, environment.ContentRootPath) is not { } path)
        {
            failures.Add($"Smtp:TrustedCertificate '{options.TrustedCertificate}' was not found (looked at {string.Join(" and ", Hosting.ContentPaths.Candidates(options.TrustedCertificate!, environment.ContentRootPath))}).");
            return;
        }

        try
        {
            foreach (var certificate in SmtpServerTrust.Load(path))
            {
                certificate.Dispose();
            }
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            failures.Add($"Smtp:TrustedCertificate '{path}' is not a readable PEM certificate: {e.Message}");
        }
    }

    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.BaseUrl)
            || (Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"App:BaseUrl '{options.BaseUrl}' is not an absolute http or https URL such as https://plan.example.org.");
    }
}
