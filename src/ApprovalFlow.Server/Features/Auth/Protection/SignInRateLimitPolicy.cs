using System.Threading.RateLimiting;
using ApprovalFlow.Server.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Auth.Protection;

/// <summary>
/// The rate limiter policy <see cref="Name"/> of ASP.NET Core's rate limiting middleware on <c>POST /api/auth/login</c>,
/// <c>POST /api/auth/refresh</c> and the sign-in page's post: <see cref="SignInProtectionOptions.ClientPermitLimit"/> posts
/// per <see cref="SignInProtectionOptions.ClientWindow"/> per client (<see cref="ClientAddress"/>), one fixed window shared
/// by the three. A refused API call gets 429 with <c>Retry-After</c> (seconds) and an RFC 9457 problem saying when to
/// retry; a refused page post goes back to the sign-in page (303), which says how long to wait.
/// </summary>
internal sealed class SignInRateLimitPolicy(IOptions<SignInProtectionOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The policy's name: <c>sign-in</c>.</summary>
    public const string Name = "sign-in";

    /// <summary>The query parameter of the sign-in page carrying the seconds to wait after a refused post.</summary>
    public const string RetryAfterQuery = "retryAfter";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        HttpMethods.IsPost(httpContext.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(httpContext), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.ClientPermitLimit,
                Window = options.Value.ClientWindow,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(string.Empty);

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Value.ClientWindow;
        var http = rejected.HttpContext;
        if (ApiPaths.IsApi(http.Request))
        {
            await SignInRefusal.WriteProblemAsync(http, wait);
            return;
        }

        var returnUrl = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(cancellationToken))["ReturnUrl"].ToString() : string.Empty;
        var query = QueryString.Create(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [RetryAfterQuery] = SignInRefusal.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReturnUrl"] = returnUrl,
        });
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = "/account/login" + query.ToUriComponent();
    }
}
