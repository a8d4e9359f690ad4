using ApprovalFlow.Server.Features.Auth;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace ApprovalFlow.Server.Runtime.Dashboard;

/// <summary>
/// The Hangfire dashboard at <c>/hangfire</c>, for admins only (<see cref="Roles.Admin"/>).
/// <para>
/// The API signs in with bearer tokens, which a browser does not send when it navigates. So, on the
/// dashboard's paths only, the bearer scheme also reads the token from the query parameter
/// <c>access_token</c> (once: <c>/hangfire?access_token=...</c>) and from the cookie
/// <see cref="CookieName"/>. When an admin's token arrives in the query, <see cref="AdminDashboardAuthorizationFilter"/>
/// stores that same protected token in an HttpOnly, SameSite=Strict cookie scoped to <c>/hangfire</c>
/// (Secure over HTTPS) that expires with the token and at most after <see cref="CookieLifetime"/>, so the
/// dashboard's own links and polling work. The token is checked by the bearer handler on every request
/// (signature and expiry) exactly as in the API; the cookie adds no other credential, and no other path
/// accepts it.
/// </para>
/// </summary>
public static class HangfireDashboard
{
    /// <summary>Where the dashboard is served: <c>/hangfire</c>.</summary>
    public const string Path = "/hangfire";

    /// <summary>The query parameter that carries the bearer token once: <c>access_token</c>.</summary>
    public const string QueryParameter = "access_token";

    /// <summary>The cookie that carries the bearer token on the dashboard's paths.</summary>
    public const string CookieName = "approvalflow_hangfire";

    /// <summary>The longest the cookie lives (it also ends with its token): 30 minutes.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromMinutes(30);

    /// <summary>The <see cref="HttpContext.Items"/> key set when the request's token came from the query.</summary>
    internal const string TokenFromQueryKey = "ApprovalFlow.HangfireDashboard.TokenFromQuery";

    /// <summary>
    /// Maps the dashboard at <see cref="Path"/>; anonymous at the endpoint level because
    /// <see cref="AdminDashboardAuthorizationFilter"/> decides (401 without a valid token, 403 for non-admins,
    /// both as problem details). Read-only for nobody: admins may also retry and delete jobs.
    /// </summary>
    /// <param name="endpoints">The endpoint builder.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapHangfireDashboardForAdmins(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            AppPath = null,
            DashboardTitle = "ApprovalFlow jobs",
            DisplayStorageConnectionString = false,

            // The dashboard's credential is a SameSite=Strict cookie scoped to /hangfire, which a cross-site
            // request never carries; so it does not also use the web app's antiforgery tokens.
            IgnoreAntiforgeryToken = true,
        };

        // Built on the first dashboard request, not here: resolving Hangfire's storage applies Hangfire's
        // process-wide configuration (log provider, storage, serializer) from this host, which must not
        // happen in hosts that never use Hangfire (e.g. a second host in the same test process).
        var app = endpoints.CreateApplicationBuilder();
        var pipeline = new Lazy<RequestDelegate>(
            () => app.UsePathBase(Path)
                .UseMiddleware<AspNetCoreDashboardMiddleware>(
                    app.ApplicationServices.GetRequiredService<JobStorage>(), options, app.ApplicationServices.GetRequiredService<Hangfire.Dashboard.RouteCollection>())
                .Use(NotADashboardPage)
                .Build(),
            LazyThreadSafetyMode.ExecutionAndPublication);
        endpoints.Map(Path + "/{**path}", context => pipeline.Value(context))
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithDisplayName("Hangfire dashboard");
        return endpoints;
    }

    /// <summary>
    /// The end of the dashboard's pipeline, reached by a path the dashboard does not serve: a 404 (a problem, by the
    /// status code pages of the API side), where the default end of a branch would fail the request with a 500.
    /// </summary>
    private static RequestDelegate NotADashboardPage(RequestDelegate next) => context =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    /// <summary>Lets the bearer scheme read the token from the query or the cookie on the dashboard's paths (see the type summary).</summary>
    /// <param name="options">The bearer scheme's options.</param>
    internal static void AcceptTokenOnDashboard(BearerTokenOptions options)
    {
        var previous = options.Events.OnMessageReceived;
        options.Events.OnMessageReceived = async context =>
        {
            await previous(context);
            var request = context.Request;
            if (context.Token is not null
                || request.Headers.Authorization.Count > 0
                || !request.PathBase.Add(request.Path).StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (request.Query.TryGetValue(QueryParameter, out var query) && query is [{ Length: > 0 } fromQuery])
            {
                context.Token = fromQuery;
                context.HttpContext.Items[TokenFromQueryKey] = true;
            }
            else if (request.Cookies.TryGetValue(CookieName, out var fromCookie) && fromCookie.Length > 0)
            {
                context.Token = fromCookie;
            }
        };
    }

    /// <summary>Registers <see cref="AcceptTokenOnDashboard"/> on the bearer scheme of <c>AddApprovalFlowAuth</c>.</summary>
    /// <param name="services">The services.</param>
    internal static IServiceCollection AddHangfireDashboardTokens(this IServiceCollection services) =>
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, AcceptTokenOnDashboard);
}
