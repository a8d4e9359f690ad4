using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Hosting;

/// <summary>
/// Honours <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies of <see cref="ProxyOptions"/> only (one
/// hop; loopback when none is configured, else exactly those listed), ahead of every other middleware (a startup filter), so the client's address, HTTPS redirects, Secure cookies and
/// rate limits see what the client used.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((options, proxies) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Value.KnownProxies.Count + proxies.Value.KnownNetworks.Count > 0)
            {
                // Configured proxies replace the default (loopback): a node behind a proxy on another host must not
                // believe a client connecting from its own host.
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
            }

            foreach (var proxy in proxies.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddTransient<IStartupFilter, Filter>();
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            next(app);
        };
    }
}
