using System.ComponentModel.DataAnnotations;

namespace ApprovalFlow.Server.Web.Oidc;

/// <summary>
/// Optional single sign-on through a municipality's OpenID Connect provider (section
/// <c>Authentication:Oidc</c>; absent means password sign-in only): authorization code flow with PKCE
/// (OpenID Connect Core 1.0 §3.1, RFC 7636). The provider's user is mapped to a directory user by
/// <see cref="UserClaim"/>; no account is created. Validated at start-up (data annotations and
/// <see cref="OidcSignInOptionsValidator"/>) when the section is present.
/// </summary>
public sealed class OidcSignInOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Authentication:Oidc";

    /// <summary>The authentication scheme of the provider.</summary>
    public const string Scheme = "oidc";

    /// <summary>The provider's issuer URL; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>. Required.</summary>
    [Required]
    public Uri? Authority { get; set; }

    /// <summary>The client id registered at the provider for ApprovalFlow. Required.</summary>
    [Required]
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The client secret, for a confidential client; empty for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The scopes asked for; must include <c>openid</c>. Default <c>openid profile email</c>.</summary>
    public string[] Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>The id token claim that names the directory user, e.g. <c>email</c> or <c>preferred_username</c>. Default <c>email</c>.</summary>
    [Required]
    public string UserClaim { get; set; } = "email";

    /// <summary>Which field of the directory user <see cref="UserClaim"/> is compared with (case-insensitive). Default <see cref="OidcUserMatch.Email"/>.</summary>
    public OidcUserMatch MatchUserBy { get; set; } = OidcUserMatch.Email;

    /// <summary>The provider's name on the sign-in button ("sign in with …"), e.g. the municipality's portal. Required.</summary>
    [Required]
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The path on this service the provider returns to (register <c>https://&lt;host&gt;{CallbackPath}</c> at the provider). Default <c>/signin-oidc</c>.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Whether the authority must use HTTPS. Default <see langword="true"/>; turn off only for a provider on the loopback interface (tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary>The directory user's field that <see cref="OidcSignInOptions.UserClaim"/> names.</summary>
public enum OidcUserMatch
{
    /// <summary>The user's e-mail.</summary>
    Email,

    /// <summary>The user's user name (Identity's <c>UserName</c>).</summary>
    UserName,
}
