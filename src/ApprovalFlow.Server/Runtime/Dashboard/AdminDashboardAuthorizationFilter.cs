using ApprovalFlow.Server.Features.Auth;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ApprovalFlow.Server.Runtime.Dashboard;

/// <summary>
/// Lets admins into the Hangfire dashboard: authenticates the request with the bearer scheme (header,
/// or on the dashboard's paths the <c>access_token</c> query parameter or cookie, see
/// <see cref="HangfireDashboard"/>) and requires <see cref="Roles.Admin"/>. Hangfire answers a refusal
/// with 401 when nobody is signed in and 403 otherwise. When an admin's token came in the query it is
/// moved to the dashboard cookie. Thread-safe (stateless).
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    /// <inheritdoc />
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        var result = await http.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!result.Succeeded)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return false;
        }

        http.User = result.Principal;
        if (!http.User.IsInRole(Roles.Admin))
        {
            return false;
        }

        if (http.Items.ContainsKey(HangfireDashboard.TokenFromQueryKey)
            && http.Request.Query.TryGetValue(HangfireDashboard.QueryParameter, out var token))
        {
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var expires = now + HangfireDashboard.CookieLifetime;
            if (result.Properties?.ExpiresUtc is { } tokenExpires && tokenExpires < expires)
            {
                expires = tokenExpires;
            }

            http.Response.Cookies.Append(HangfireDashboard.CookieName, token.ToString(), new CookieOptions
            {
                Path = HangfireDashboard.Path,
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Expires = expires,
                IsEssential = true,
            });
            http.Response.Headers["Referrer-Policy"] = "no-referrer"; // The token is in this page's URL.
        }

        http.Response.Headers.CacheControl = "no-store";
        return true;
    }
}
