using System.Net;
using ApprovalFlow.Server.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Hosting.Telemetry;

/// <summary>
/// Who may read <c>GET /metrics</c>: a signed-in admin from anywhere, or any caller (signed in or not) whose connection
/// comes from one of <see cref="TelemetryOptions.MetricsNetworks"/>. Anyone else gets 401 (not signed in) or 403.
/// </summary>
internal sealed class MetricsAccessRequirement : IAuthorizationRequirement
{
    /// <summary>The policy's name.</summary>
    public const string Policy = "metrics-scraper";
}

/// <summary>Decides <see cref="MetricsAccessRequirement"/> from the user's roles and the connection's remote address.</summary>
internal sealed class MetricsAccessHandler(IHttpContextAccessor http, IOptions<TelemetryOptions> options) : AuthorizationHandler<MetricsAccessRequirement>
{
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.ParsedMetricsNetworks();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsAccessRequirement requirement)
    {
        if (context.User.IsInRole(Roles.Admin) || IsAllowedNetwork(http.HttpContext?.Connection.RemoteIpAddress))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private bool IsAllowedNetwork(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _networks.Any(network => network.Contains(plain));
    }
}
