using ApprovalFlow.Server.Web.Oidc;
using Microsoft.AspNetCore.CookiePolicy;

namespace ApprovalFlow.Server.Hosting;

/// <summary>
/// The security headers of every response (pages, API, Hangfire dashboard, static files, error pages) and the cookie
/// policy of every cookie, installed by a startup filter right after the forwarded headers, so <c>Request.IsHttps</c> is
/// what the client used at the TLS-terminating proxy:
/// <list type="bullet">
/// <item><c>Content-Security-Policy</c> (<see cref="Policy"/>): scripts only from the service's own files, no inline
/// scripts and no <c>eval</c>; no plugins, no framing, forms post to the service (and the single sign-on provider).</item>
/// <item><c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c>, <c>Referrer-Policy: same-origin</c> and a
/// <c>Permissions-Policy</c> that switches off camera, microphone, geolocation, payment and the device sensors.</item>
/// <item><c>Strict-Transport-Security</c> (one year) on HTTPS requests outside Development (RFC 6797 §7.2: never over plain HTTP).</item>
/// <item>Cookies: always <c>HttpOnly</c>; <c>Secure</c> always in Production, else when the request is HTTPS.
/// The SameSite mode stays each cookie's own (Lax sign-in and language cookies, Strict antiforgery and dashboard
/// cookies): single sign-on's correlation cookies must stay <c>SameSite=None</c> for the provider's form post.</item>
/// </list>
/// Headers are set when the response starts, so error pages re-executed after an exception carry them too.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>HSTS lifetime: one year, in seconds.</summary>
    private const int HstsMaxAgeSeconds = 31_536_000;

    /// <summary>The features no page of the service uses.</summary>
    internal const string PermissionsPolicy = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>
    /// The Content-Security-Policy. <c>style-src</c> allows inline styles: bpmn-js and form-js set <c>style</c>
    /// attributes on the elements they draw (measured in the browser test <c>SecurityPolicyTests</c>), and so do a few
    /// progress bars of the pages and Hangfire's dashboard; inline styles cannot run code.
    /// </summary>
    /// <param name="signOnOrigin">The single sign-on provider's origin (the sign-in form posts there), or <see langword="null"/>.</param>
    internal static string Policy(string? signOnOrigin) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + $"object-src 'none'; base-uri 'self'; form-action 'self'{(signOnOrigin is null ? "" : " " + signOnOrigin)}; frame-ancestors 'none'";

    /// <summary>
    /// The policy of the Scalar API reference (<see cref="Api.ApiModule.ReferencePath"/>) only: <see cref="Policy"/> with inline
    /// scripts allowed, because Scalar's page configures itself in an inline module script. The page is the service's own
    /// OpenAPI document, anonymous, and shows no user data.
    /// </summary>
    /// <param name="policy">The service's <see cref="Policy"/>.</param>
    internal static string ReferencePolicy(string policy) => policy.Replace("script-src 'self';", "script-src 'self' 'unsafe-inline';", StringComparison.Ordinal);

    /// <summary>Registers the cookie policy and the startup filter. Call after <see cref="ForwardedHeadersSetup.Add"/>.</summary>
    /// <param name="builder">The application builder.</param>
    public static void Add(WebApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = HttpOnlyPolicy.Always;
            options.Secure = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.MinimumSameSitePolicy = SameSiteMode.Unspecified;
        });
        // Only the options: AddAntiforgery here would register Data Protection (and its start-up key ring load) before the
        // database migrator, so a first start would read the key table before it exists.
        builder.Services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddTransient<IStartupFilter, Filter>();
    }

    private sealed class Filter(IWebHostEnvironment environment) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var policy = Policy(OidcSignIn.ProviderOrigin(app.ApplicationServices));
            var referencePolicy = ReferencePolicy(policy);
            var hsts = !environment.IsDevelopment();
            app.Use((context, nextMiddleware) =>
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Api.ApiModule.ReferencePath) ? referencePolicy : policy;
                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    if (!headers.ContainsKey("Referrer-Policy"))
                    {
                        headers["Referrer-Policy"] = "same-origin";
                    }

                    headers["Permissions-Policy"] = PermissionsPolicy;
                    if (hsts && context.Request.IsHttps)
                    {
                        headers.StrictTransportSecurity = $"max-age={HstsMaxAgeSeconds}";
                    }

                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            app.UseCookiePolicy();
            next(app);
        };
    }
}
