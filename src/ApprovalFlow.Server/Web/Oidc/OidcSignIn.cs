using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ApprovalFlow.Server.Web.Oidc;

/// <summary>
/// Registers the OpenID Connect scheme <see cref="OidcSignInOptions.Scheme"/> when the section
/// <see cref="OidcSignInOptions.Section"/> is present: authorization code flow with PKCE, the result kept
/// in Identity's external cookie until <c>/account/external</c> maps it to a directory user and signs that
/// user into the web app's cookie. Without the section nothing is registered.
/// </summary>
public static class OidcSignIn
{
    /// <summary>Where the provider's answer is mapped to a directory user (<c>Pages/Account/External</c>).</summary>
    public const string ExternalPage = "/account/external";

    /// <summary>Adds the scheme from <paramref name="configuration"/> when configured; validated at start-up.</summary>
    /// <param name="authentication">The authentication builder.</param>
    /// <param name="configuration">The application's configuration.</param>
    /// <returns><paramref name="authentication"/>, for chaining.</returns>
    public static AuthenticationBuilder AddApprovalFlowOidc(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.GetSection(OidcSignInOptions.Section).Exists())
        {
            return authentication;
        }

        var services = authentication.Services;
        services.AddOptions<OidcSignInOptions>().BindConfiguration(OidcSignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcSignInOptions>, OidcSignInOptionsValidator>();
        authentication.AddOpenIdConnect(OidcSignInOptions.Scheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(OidcSignInOptions.Scheme).Configure<IOptions<OidcSignInOptions>>((oidc, settings) => Configure(oidc, settings.Value));
        return authentication;
    }

    /// <summary>The provider's origin (e.g. <c>https://sso.example.org</c>), which the sign-in form's redirect goes to; <see langword="null"/> without single sign-on.</summary>
    /// <param name="services">The application's services.</param>
    public static string? ProviderOrigin(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<IConfiguration>().GetSection(OidcSignInOptions.Section).Exists()
            && services.GetRequiredService<IOptions<OidcSignInOptions>>().Value.Authority is { IsAbsoluteUri: true } authority
            ? authority.GetLeftPart(UriPartial.Authority)
            : null;
    }

    private static void Configure(OpenIdConnectOptions oidc, OidcSignInOptions settings)
    {
        oidc.Authority = settings.Authority?.ToString();
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        oidc.Scope.Clear();
        foreach (var scope in settings.Scopes)
        {
            oidc.Scope.Add(scope);
        }

        oidc.CallbackPath = settings.CallbackPath;
        oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        oidc.SignInScheme = IdentityConstants.ExternalScheme;
        oidc.MapInboundClaims = false;
        oidc.SaveTokens = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            context.Response.Redirect(ExternalPage + "?failed=true");
            return Task.CompletedTask;
        };
    }
}
