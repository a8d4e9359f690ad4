using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ApprovalFlow.Server.Hosting;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the service believes (section
/// <c>ForwardedHeaders</c>), validated at start: from any other peer the headers are ignored, so a client cannot pose as
/// another address or as HTTPS.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "ForwardedHeaders";

    /// <summary>
    /// Addresses of the proxies (e.g. <c>10.0.0.5</c>). When neither this nor <see cref="KnownNetworks"/> lists any, the
    /// loopback addresses (nginx on the same host); otherwise exactly the ones listed.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of the proxies in CIDR notation (e.g. <c>10.0.0.0/24</c>); default none (see <see cref="KnownProxies"/>).</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownProxies '{proxy}' is not an IP address.");
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownNetworks '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/24).");
        }
    }
}
