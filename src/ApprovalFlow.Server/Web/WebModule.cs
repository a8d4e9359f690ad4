using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Web.Oidc;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

namespace ApprovalFlow.Server.Web;

/// <summary>
/// The officials' web app: Razor Pages under <c>Pages/&lt;Area&gt;/</c>, signed in with ASP.NET Core
/// Identity cookies beside the API's bearer tokens, Persian first (<c>fa</c>, right-to-left) with English
/// as second language, error pages in the user's language.
/// </summary>
public static class WebModule
{
    /// <summary>The default authentication scheme: forwards to the bearer scheme for <see cref="ApiPaths"/> and requests with an <c>Authorization</c> header, otherwise to Identity's cookie.</summary>
    public const string BearerOrCookieScheme = "bearer-or-cookie";

    /// <summary>Name of the sign-in cookie.</summary>
    public const string SignInCookieName = "approvalflow";

    /// <summary>Where esbuild writes the bundles (<c>wwwroot/dist</c>); the only responses compressed.</summary>
    private static readonly PathString BundlePath = "/dist";

    /// <summary>
    /// Adds Razor Pages (antiforgery on every form post), view localisation from resource files per area
    /// (<see cref="UserLanguage.Cultures"/>, <c>fa</c> by default), Identity's sign-in cookie (sign-in page
    /// <c>/account/login</c>; a forbidden page answers 403 in place rather than redirecting) and the
    /// <see cref="BearerOrCookieScheme"/> that keeps the API on bearer tokens, the optional single sign-on
    /// (<see cref="OidcSignIn"/>, section <c>Authentication:Oidc</c>), and <see cref="DisplayFormat"/>.
    /// Call after <c>AddApprovalFlowAuth</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization();
        services.AddRazorPages().AddViewLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(UserLanguage.Persian).AddSupportedCultures(UserLanguage.Cultures).AddSupportedUICultures(UserLanguage.Cultures);
            options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = UserLanguage.CookieName }];
        });
        services.AddAuthentication(options => options.DefaultScheme = BearerOrCookieScheme)
            .AddPolicyScheme(BearerOrCookieScheme, "Bearer token for the API, cookie for pages", options =>
                options.ForwardDefaultSelector = context =>
                    ApiPaths.IsApi(context.Request) || context.Request.Headers.Authorization.Count > 0
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddApprovalFlowOidc(builder.Configuration)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = SignInCookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddResponseCompression(options =>
        {
            // Only the bundles of wwwroot/dist go through it (see UseApprovalFlowWeb): no page carries a secret to leak by its size.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/javascript", "application/javascript", "text/css", "application/json", "image/svg+xml", "text/plain"];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Replace(ServiceDescriptor.Scoped<IUserClaimsPrincipalFactory<ApplicationUser>, DisplayNameClaimsFactory>());
        services.AddScoped<DisplayFormat>();
        services.AddScoped<UserLanguage>();
        services.AddScoped<TaskSummaries>();
        services.AddScoped<InstanceDiagrams>();
        return builder;
    }

    /// <summary>
    /// For web pages only (not <see cref="ApiPaths"/>): the error page <c>/error/{status}</c> for exceptions
    /// and error statuses without a body, the request culture from the language cookie and the static files of <c>wwwroot</c> (anonymous; the bundles of <c>wwwroot/dist</c> compressed
    /// with Brotli or gzip, content-addressed files cached for a year). Call first, before <c>UseApprovalFlowApi</c>.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns><paramref name="app"/>, for chaining.</returns>
    public static WebApplication UseApprovalFlowWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => !ApiPaths.IsApi(context.Request), web =>
        {
            web.UseExceptionHandler("/error/500");
            web.UseStatusCodePagesWithReExecute("/error/{0}");
            web.UseRequestLocalization();
            web.UseWhen(context => context.Request.Path.StartsWithSegments(BundlePath), bundles => bundles.UseResponseCompression());
            web.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = SetCacheLifetime });
        });
        return app;
    }

    /// <summary>
    /// A file whose address changes with its content (<c>?v=</c> of <c>asp-append-version</c>, or the hashed
    /// names esbuild gives fonts under <c>dist/assets/</c>) is cached for a year without revalidation; any other
    /// static file is revalidated on each use (its ETag makes that a 304).
    /// </summary>
    private static void SetCacheLifetime(StaticFileResponseContext file)
    {
        var request = file.Context.Request;
        var immutable = request.Query.ContainsKey("v") || request.Path.StartsWithSegments(BundlePath + "/assets");
        file.Context.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
    }

    /// <summary>Maps the Razor Pages (every page needs a signed-in user unless it allows anonymous access).</summary>
    /// <param name="endpoints">The endpoint builder.</param>
    /// <returns><paramref name="endpoints"/>, for chaining.</returns>
    public static IEndpointRouteBuilder MapApprovalFlowWeb(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapRazorPages();
        return endpoints;
    }
}
