using System.ComponentModel;
using ApprovalFlow.Server.Features.Auth.Protection;
using Hangfire;

namespace ApprovalFlow.Server.Features.Auth.Tokens;

/// <summary>Hangfire recurring job, hourly: deletes expired refresh tokens and sign-in counts nobody waits on (<see cref="SignInThrottle.CleanUpAsync"/>).</summary>
public sealed class SignInCleanupJob(RefreshTokens refreshTokens, SignInThrottle throttle, ILogger<SignInCleanupJob> logger)
{
    /// <summary>The recurring job's id in Hangfire: <c>sign-in-cleanup</c>.</summary>
    public const string RecurringJobId = "sign-in-cleanup";

    /// <summary>Deletes the expired rows.</summary>
    /// <param name="cancellationToken">Cancels the deletes.</param>
    [DisplayName("Delete expired refresh tokens and sign-in counts")]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var tokens = await refreshTokens.CleanUpAsync(cancellationToken);
        var throttles = await throttle.CleanUpAsync(cancellationToken);
        AuthLog.CleanedUp(logger, tokens, throttles);
    }
}
