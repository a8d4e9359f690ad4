using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Auth.Protection;

/// <summary>
/// The per-account rate limit (<see cref="SignInProtectionOptions.AccountPermitLimit"/> per
/// <see cref="SignInProtectionOptions.AccountWindow"/>): one fixed-window limiter of the framework's
/// <c>System.Threading.RateLimiting</c> per normalised e-mail (or user id for refreshes), in this node's memory.
/// Thread-safe; the limiters are disposed with the container.
/// </summary>
public sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _window;

    /// <summary>Builds the limiter from the options.</summary>
    /// <param name="options">The sign-in protection settings.</param>
    public AccountRateLimiter(IOptions<SignInProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _window = settings.AccountWindow;
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.AccountPermitLimit,
            Window = settings.AccountWindow,
            QueueLimit = 0,
        }));
    }

    /// <summary>Takes one attempt for <paramref name="account"/>: <see langword="null"/> when allowed, else how long to wait.</summary>
    /// <param name="account">The normalised e-mail, or <c>user:</c> and the user id.</param>
    public TimeSpan? TryAcquire(string account)
    {
        using var lease = _limiter.AttemptAcquire(account);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
