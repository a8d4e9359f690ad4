using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// HTTP Basic authentication (RFC 7617) with the Identity user name or e-mail and password, as Camunda 7's REST API
/// and its clients use it. Failed passwords count towards Identity's lockout; a checked credential is remembered for
/// <see cref="ExternalTasksOptions.CredentialCacheDuration"/> (by its SHA-256, never in clear). Challenges and refusals
/// answer in Camunda's error shape.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IMemoryCache cache,
    IOptions<ExternalTasksOptions> settings) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "engine-rest-basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = "engine-rest-basic:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter)));
        if (cache.TryGetValue(key, out ClaimsPrincipal? known) && known is not null)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(known, Scheme.Name));
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("The Basic credentials are not Base64.");
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return AuthenticateResult.Fail("The Basic credentials are not user:password.");
        }

        var name = credentials[..colon];
        var user = await users.FindByNameAsync(name) ?? await users.FindByEmailAsync(name);
        if (user is null || !(await signIn.CheckPasswordSignInAsync(user, credentials[(colon + 1)..], lockoutOnFailure: true)).Succeeded)
        {
            return AuthenticateResult.Fail("Wrong user name or password, or the account is locked out.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        cache.Set(key, principal, settings.Value.CredentialCacheDuration);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"engine-rest\", charset=\"UTF-8\"";
        return CamundaResults.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            new CamundaError("AuthenticationException", "Sign in with HTTP Basic (user name or e-mail and password) or a bearer token of an account with the worker role."));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        CamundaResults.WriteAsync(Context, StatusCodes.Status403Forbidden,
            new CamundaError("AuthorizationException", "Only accounts with the worker role (or admins) may use the external task API."));
}
