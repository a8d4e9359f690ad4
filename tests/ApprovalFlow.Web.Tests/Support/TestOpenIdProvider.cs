using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ApprovalFlow.Web.Tests.Support;

/// <summary>
/// A municipality's single sign-on for the tests: a real OpenID Connect provider (OpenIddict's server in
/// degraded mode, no database) on Kestrel at a loopback port of its own, with discovery, JWKS, an
/// authorization endpoint whose sign-in page asks only for the user's identifier (no password), and a token
/// endpoint that redeems the code (PKCE required) for a signed id token carrying <c>email</c> and
/// <c>preferred_username</c>. It knows one client, <see cref="ClientId"/>, returning to <see cref="RedirectUri"/>.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    /// <summary>The only client.</summary>
    public const string ClientId = "approvalflow";

    /// <summary>The client's secret.</summary>
    public const string ClientSecret = "test-secret";

    /// <summary>The label of the identifier field on the provider's sign-in page.</summary>
    public const string LoginLabel = "Account at the municipality";

    /// <summary>The button of the provider's sign-in page.</summary>
    public const string ContinueButton = "Continue";

    private readonly WebApplication _app;

    private TestOpenIdProvider(WebApplication app) => _app = app;

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Issuer { get; private set; } = null!;

    /// <summary>The client's redirect URI; set once the service's address is known. Any other is refused.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Starts the provider.</summary>
    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        TestOpenIdProvider? provider = null;
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.Email, Scopes.Profile);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            server.DisableAccessTokenEncryption();
            server.EnableDegradedMode();
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (provider!.RedirectUri is null || context.RedirectUri != provider.RedirectUri.AbsoluteUri)
                {
                    context.Reject(Errors.InvalidRequest, "Unknown redirect_uri.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        provider = new TestOpenIdProvider(app);
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        app.MapPost("/connect/token", (Delegate)TokenAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Issuer = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    /// <summary>Without an identifier, the provider's sign-in page; with one, signs that person in and returns the code to the client.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var login = context.Request.HasFormContentType ? (string?)(await context.Request.ReadFormAsync())["login"] : null;
        if (string.IsNullOrWhiteSpace(login))
        {
            return Results.Content(SignInPage(request), "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, "sso-" + login).SetClaim(Claims.Email, login).SetClaim(Claims.PreferredUsername, login).SetClaim(Claims.Name, login);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Redeems the authorization code (OpenIddict has checked it, the PKCE verifier and the client) for the tokens.</summary>
    private static async Task<IResult> TokenAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return result.Principal is { } principal
            ? Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
            : Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static string SignInPage(OpenIddictRequest request)
    {
        var html = HtmlEncoder.Default;
        var hidden = string.Concat(request.GetParameters().Select(p => $"<input type=\"hidden\" name=\"{html.Encode(p.Key)}\" value=\"{html.Encode((string?)p.Value ?? string.Empty)}\">"));
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Municipality sign-on</title></head>
            <body><main><h1>Municipality sign-on</h1>
            <form method="post" action="/connect/authorize">{hidden}
            <label for="login">{LoginLabel}</label> <input id="login" name="login" type="text">
            <button type="submit">{ContinueButton}</button></form></main></body></html>
            """;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
