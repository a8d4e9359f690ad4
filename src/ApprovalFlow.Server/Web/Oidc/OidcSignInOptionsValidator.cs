using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Web.Oidc;

/// <summary>
/// Rules of <see cref="OidcSignInOptions"/> beyond data annotations, all reported at once: the authority is
/// an absolute http(s) URL (https unless <see cref="OidcSignInOptions.RequireHttpsMetadata"/> is off), the
/// scopes include <c>openid</c>, and the callback path starts with <c>/</c>.
/// </summary>
internal sealed class OidcSignInOptionsValidator : IValidateOptions<OidcSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Authority is { } authority)
        {
            if (!authority.IsAbsoluteUri || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{OidcSignInOptions.Section}:Authority '{authority}' must be an absolute https URL.");
            }
            else if (options.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{OidcSignInOptions.Section}:Authority '{authority}' must use https (set RequireHttpsMetadata to false only for a provider on this machine).");
            }
        }

        if (!options.Scopes.Contains("openid", StringComparer.Ordinal))
        {
            failures.Add($"{OidcSignInOptions.Section}:Scopes must include 'openid' (found: {string.Join(" ", options.Scopes)}).");
        }

        if (!options.CallbackPath.StartsWith('/'))
        {
            failures.Add($"{OidcSignInOptions.Section}:CallbackPath '{options.CallbackPath}' must start with '/'.");
        }

        if (!Enum.IsDefined(options.MatchUserBy))
        {
            failures.Add($"{OidcSignInOptions.Section}:MatchUserBy must be Email or UserName.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
